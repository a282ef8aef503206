// "Test connection": one cheap authenticated request with a stored credential against
// the credential's own endpoint (never one named at test time), answered in plain words.
// Remote failures are a result ({ ok: false }), not an exception; only bad input throws.
import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { checkedTransport } from "@/lib/net/checked-transport";
import { parseEndpointUrl, type EndpointPolicy } from "@/lib/net/endpoint-url";
import { loadEndpointPolicy } from "@/lib/settings/allow-private-endpoints";
import type { Keyring } from "@/lib/secrets/keyring";
import { credentialKindEntry, secretValues, type AnyCredentialSecret, type CredentialKind } from "./kinds";
import type { ProbeResult } from "./probes/probe-result";
import { readCredentialSecret } from "./read-credential-secret";
import { redactSecrets } from "./redact-secrets";
import { credentialIdSchema } from "./schemas";

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .optional()
    .transform((v) => v || undefined);

export const testConnectionSchema = z.object({
  credentialId: credentialIdSchema,
  /** Kinds with a bucket test (S3, GCS) only. */
  region: optionalText(64, "region").pipe(z.string().regex(/^[a-z0-9-]+$/, "region looks like us-east-1").optional()),
  bucket: optionalText(255, "bucket"),
});

export type ConnectionTestResult = ProbeResult & { kind: CredentialKind; name: string; endpoint: string; durationMs: number };

type Options = { keyring?: Keyring; policy?: EndpointPolicy };

export async function testCredentialConnection(input: unknown, actor: Actor | null, options: Options = {}): Promise<ConnectionTestResult> {
  const data = testConnectionSchema.parse(input);
  const credential = await readCredentialSecret(data.credentialId, undefined, { keyring: options.keyring });
  const policy = options.policy ?? (await loadEndpointPolicy());
  const started = Date.now();
  const { endpoint, result } = await probe(credential, data, policy);
  const secrets = secretValues(credential.kind, credential.secret);
  const outcome: ConnectionTestResult = {
    ...result,
    message: redactSecrets(result.message, secrets),
    kind: credential.kind,
    name: credential.name,
    endpoint,
    durationMs: Date.now() - started,
  };
  await recordAuditEvent({
    actor,
    action: "credential.test",
    target: { type: "credential", id: credential.id },
    summary: `Tested ${credential.kind} credential "${credential.name}" against ${endpoint}: ${outcome.ok ? "connected" : "failed"}`,
    details: { ok: outcome.ok, status: outcome.status, endpoint },
  });
  return outcome;
}

/** The kind's probe against the credential's own endpoint (credential-endpoint.ts), never one named at test time. */
function probe(credential: AnyCredentialSecret & { endpoint: string | undefined }, data: z.output<typeof testConnectionSchema>, policy: EndpointPolicy) {
  return credentialKindEntry(credential.kind).probe({
    secret: credential.secret,
    endpoint: (label) => (credential.endpoint ? parseEndpointUrl(credential.endpoint, policy, label) : undefined),
    bucket: data.bucket,
    region: data.region,
    transport: checkedTransport(policy),
  });
}
