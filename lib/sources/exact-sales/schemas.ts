// The Exact Sales source as Settings → Sources, the CLI and the API save it: name,
// credential (an exact_sales token), schedule, the pull settings (./config.ts) and the
// savepoint an incremental pull starts from.
import { z } from "zod";
import { blankToUndefined, scheduleMinutesSchema } from "../schemas";
import { exactSalesConfigSchema, type ExactSalesConfigInput } from "./config";


export const saveExactSalesSourceSchema = z.object({
  id: z.preprocess(blankToUndefined, z.string().trim().min(1).optional()),
  name: z.string({ error: "Name is required" }).trim().min(1, "Name is required").max(100, "Name must be at most 100 characters"),
  credentialId: z.string({ error: "Choose the Exact Sales token" }).trim().min(1, "Choose the Exact Sales token"),
  scheduleMinutes: scheduleMinutesSchema,
  config: z.preprocess(
    // Form posts send blanks for "use the default".
    (value) =>
      value && typeof value === "object"
        ? Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => blankToUndefined(v) !== undefined))
        : value,
    exactSalesConfigSchema,
  ),
  /**
   * Kondado's "Data inicial de leitura": where an incremental pull starts. Blank keeps the
   * current savepoint (a new source without one reads every lead on its first pull).
   */
  savepoint: z.preprocess(
    blankToUndefined,
    z.coerce
      .date({ error: "Savepoint must be a date, e.g. 2024-05-01 or 2024-05-01T00:00:00Z" })
      .refine((date) => date.getUTCFullYear() >= 2000 && date.getUTCFullYear() <= 2100, "Savepoint must be between 2000 and 2100")
      .optional(),
  ),
});

/** What callers pass (the preprocessed fields make zod's own input type `unknown`). */
export type SaveExactSalesSourceInput = {
  id?: string;
  name: string;
  credentialId: string;
  scheduleMinutes?: number | string | null;
  config: { [Key in keyof ExactSalesConfigInput]?: ExactSalesConfigInput[Key] | string };
  savepoint?: string | Date;
};
