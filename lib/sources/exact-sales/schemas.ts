// The Exact Sales part of a source's settings, as Settings → Sources, the CLI and tests
// post it (name and schedule are every source's, lib/sources/schemas.ts): the credential
// (an exact_sales token), the pull settings (./config.ts) and the savepoint an incremental
// pull starts from.
import { z } from "zod";
import { blankToUndefined } from "../schemas";
import { exactSalesConfigSchema, type ExactSalesConfigInput } from "./config";

export const exactSalesSettingsSchema = z.object({
  credentialId: z.string({ error: "Choose the Exact Sales token" }).trim().min(1, "Choose the Exact Sales token"),
  config: z.preprocess(
    // Form posts send blanks for "use the default".
    (value) =>
      value && typeof value === "object"
        ? Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => blankToUndefined(v) !== undefined))
        : (value ?? {}),
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
export type ExactSalesSettings = z.output<typeof exactSalesSettingsSchema>;

/** What callers pass (the preprocessed fields make zod's own input type `unknown`). */
export type ExactSalesSettingsInput = {
  credentialId: string;
  config?: { [Key in keyof ExactSalesConfigInput]?: ExactSalesConfigInput[Key] | string };
  savepoint?: string | Date;
};
