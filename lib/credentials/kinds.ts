// Credential kinds and the shape of each kind's secret. The whole secret object is
// encrypted (lib/secrets); only `last4` of its main field is ever shown again.
import { z } from "zod";

export const CREDENTIAL_KINDS = ["s3", "gcs_hmac", "chartmogul", "pipeliner", "exact_sales"] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export const CREDENTIAL_KIND_LABELS: Record<CredentialKind, string> = {
  s3: "S3 access key pair",
  gcs_hmac: "Google Cloud Storage HMAC key (Dreamdata)",
  chartmogul: "ChartMogul API key",
  pipeliner: "Pipeliner API user",
  exact_sales: "Exact Sales token",
};

const MAX_SECRET = 4096;

/** Required secret text: pasted values are trimmed (a trailing newline is never part of a key). */
const secretText = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(MAX_SECRET, `${label} must be at most ${MAX_SECRET} characters`);

const optionalSecretText = (label: string) =>
  z
    .string()
    .trim()
    .max(MAX_SECRET, `${label} must be at most ${MAX_SECRET} characters`)
    .optional()
    .transform((v) => (v ? v : undefined));

const httpUrl = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .max(2048, `${label} must be at most 2048 characters`)
    .pipe(z.url({ protocol: /^https?$/, error: `${label} must be an http(s) URL` }))
    .transform((v) => v.replace(/\/+$/, ""));

// S3 and GCS interoperability (HMAC) keys have the same shape: the same S3 client serves both.
export const s3SecretSchema = z
  .object({
    accessKeyId: secretText("Access key id"),
    secretAccessKey: secretText("Secret access key"),
    sessionToken: optionalSecretText("Session token"),
  })
  .strict();

export const chartmogulSecretSchema = z.object({ apiKey: secretText("API key") }).strict();

export const pipelinerSecretSchema = z
  .object({
    username: secretText("API username"),
    password: secretText("API password"),
    serviceUrl: httpUrl("Service URL"),
    spaceId: secretText("Space id").pipe(z.string().max(200, "Space id must be at most 200 characters")),
  })
  .strict();

export const exactSalesSecretSchema = z.object({ token: secretText("Token") }).strict();

export const credentialSecretSchemas = {
  s3: s3SecretSchema,
  gcs_hmac: s3SecretSchema,
  chartmogul: chartmogulSecretSchema,
  pipeliner: pipelinerSecretSchema,
  exact_sales: exactSalesSecretSchema,
} as const satisfies Record<CredentialKind, z.ZodType>;

export type CredentialSecretOf<K extends CredentialKind> = z.output<(typeof credentialSecretSchemas)[K]>;

/** A decrypted secret tagged with its kind (narrow on `kind`). */
export type AnyCredentialSecret = { [K in CredentialKind]: { kind: K; secret: CredentialSecretOf<K> } }[CredentialKind];

/** The field whose last 4 characters identify a credential in lists. */
export const MAIN_SECRET_FIELD = {
  s3: "secretAccessKey",
  gcs_hmac: "secretAccessKey",
  chartmogul: "apiKey",
  pipeliner: "password",
  exact_sales: "token",
} as const satisfies { [K in CredentialKind]: keyof CredentialSecretOf<K> };

/**
 * Last 4 characters of the main secret. A secret shorter than 12 characters shows none:
 * four characters of a short secret give too much of it away.
 */
export function last4Of(kind: CredentialKind, secret: AnyCredentialSecret["secret"]): string {
  const value = (secret as Record<string, string>)[MAIN_SECRET_FIELD[kind]] ?? "";
  return value.length >= 12 ? value.slice(-4) : "";
}
