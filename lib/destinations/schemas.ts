import { z } from "zod";
import { DESTINATION_KINDS } from "./registry";

const destinationKindSchema = z.enum(DESTINATION_KINDS as [string, ...string[]], { error: `kind must be one of ${DESTINATION_KINDS.join(", ")}` });

export const saveDestinationSchema = z.object({
  /** Edit this destination; without it one is created. */
  id: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(100).optional()),
  name: z.string({ error: "name is required" }).trim().min(1, "name is required").max(100),
  kind: destinationKindSchema,
  credentialId: z.string({ error: "choose a credential" }).trim().min(1, "choose a credential").max(100),
  /** Checked against the kind's configSchema (mapping fields accept "from = to" lines). */
  options: z.record(z.string(), z.unknown()).default({}),
});
export type SaveDestinationInput = z.input<typeof saveDestinationSchema>;
