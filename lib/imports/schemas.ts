import { z } from "zod";

export const IMPORT_TRIGGERS = ["manual", "schedule", "api", "cli"] as const;
export type ImportTrigger = (typeof IMPORT_TRIGGERS)[number];

/** POST /api/v1/imports, the "Run import" button and `dealport import`. */
export const startImportSchema = z.object({
  sourceId: z.string({ error: "sourceId is required" }).trim().min(1, "sourceId is required"),
  /** Re-read files even when their ETag has not changed since the last import. */
  force: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).optional().default(false),
});

export const importRunIdSchema = z.string({ error: "run id is required" }).trim().min(1, "run id is required");

export const IMPORT_RUN_STATUSES = ["running", "succeeded", "failed", "cancelled", "unchanged", "held", "discarded", "expired"] as const;

export const listImportRunsSchema = z.object({
  sourceId: z.string().trim().min(1).optional(),
  /** ?status=held: the runs that need review. */
  status: z.enum(IMPORT_RUN_STATUSES, { error: `status: one of ${IMPORT_RUN_STATUSES.join(", ")}` }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
