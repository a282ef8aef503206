import { z } from "zod";
import { CREDENTIAL_KIND_REGISTRY, CREDENTIAL_KINDS, type CredentialKind } from "./kinds";

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

/** A credential of one kind as posted: the common fields and that kind's secret. */
const saveSchemaOf = <K extends CredentialKind>(kind: K) => z.object({ ...common, kind: z.literal(kind), secret: CREDENTIAL_KIND_REGISTRY[kind].secretSchema });
type SaveSchema = ReturnType<typeof saveSchemaOf<CredentialKind>>;

export const saveCredentialSchema = z.discriminatedUnion("kind", CREDENTIAL_KINDS.map(saveSchemaOf) as [SaveSchema, ...SaveSchema[]], {
  error: `kind must be one of ${CREDENTIAL_KINDS.join(", ")}`,
});

