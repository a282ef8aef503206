import { z } from "zod";
import {
  chartmogulSecretSchema,
  exactSalesSecretSchema,
  pipelinerSecretSchema,
  s3SecretSchema,
} from "./kinds";

export const credentialNameSchema = z
  .string({ error: "name is required" })
  .trim()
  .min(1, "name is required")
  .max(100, "name must be at most 100 characters");

export const credentialIdSchema = z.string().trim().min(1, "id is required").max(100);

const common = {
  /** Replace this credential (by id). Without it, a credential with the same name is replaced, else one is created. */
  id: credentialIdSchema.optional(),
  name: credentialNameSchema,
  /**
   * Where the secret may be sent; blank: the kind's default (AWS for S3). Part of the
   * credential, so it changes only with the secret. Pipeliner's is its service URL.
   */
  endpoint: z
    .string()
    .trim()
    .max(2048, "endpoint must be at most 2048 characters")
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.url({ protocol: /^https?$/, error: "endpoint must be an http(s) URL" }).optional()),
};

export const saveCredentialSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ ...common, kind: z.literal("s3"), secret: s3SecretSchema }),
    z.object({ ...common, kind: z.literal("gcs_hmac"), secret: s3SecretSchema }),
    z.object({ ...common, kind: z.literal("chartmogul"), secret: chartmogulSecretSchema }),
    z.object({ ...common, kind: z.literal("pipeliner"), secret: pipelinerSecretSchema }),
    z.object({ ...common, kind: z.literal("exact_sales"), secret: exactSalesSecretSchema }),
  ],
  { error: "kind must be one of s3, gcs_hmac, chartmogul, pipeliner, exact_sales" },
);

export type SaveCredentialInput = z.input<typeof saveCredentialSchema>;
