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
import type { AnyCredentialSecret, CredentialKind } from "./kinds";
import { probeHttpApi } from "./probes/probe-http-api";
import type { ProbeResult } from "./probes/probe-result";
import { probeS3 } from "./probes/probe-s3";
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
  /** S3 and GCS only. */
  region: optionalText(64, "region").pipe(z.string().regex(/^[a-z0-9-]+$/, "region looks like us-east-1").optional()),
  bucket: optionalText(255, "bucket"),
});
export type TestConnectionInput = z.input<typeof testConnectionSchema>;

export type ConnectionTestResult = ProbeResult & { kind: CredentialKind; name: string; endpoint: string; durationMs: number };

type Options = { keyring?: Keyring; policy?: EndpointPolicy };

export async function testCredentialConnection(input: TestConnectionInput, actor: Actor | null, options: Options = {}): Promise<ConnectionTestResult> {
  const data = testConnectionSchema.parse(input);
  const credential = await readCredentialSecret(data.credentialId, undefined, { keyring: options.keyring });
  const policy = options.policy ?? (await loadEndpointPolicy());
  const started = Date.now();
  const { endpoint, result } = await probe(credential, data, policy);
  const secrets = Object.entries(credential.secret)
    .filter(([field]) => field !== "serviceUrl")
    .map(([, v]) => String(v));
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

async function probe(
  credential: AnyCredentialSecret & { endpoint: string | undefined },
  data: z.output<typeof testConnectionSchema>,
  policy: EndpointPolicy,
): Promise<{ endpoint: string; result: ProbeResult }> {
  // The secret goes to the credential's endpoint only (credential-endpoint.ts).
  const endpointFor = (label: string) => (credential.endpoint ? parseEndpointUrl(credential.endpoint, policy, label) : undefined);
  const { dispatcher } = checkedTransport(policy);
  switch (credential.kind) {
    case "s3":
    case "gcs_hmac": {
      if (!data.bucket) throw new z.ZodError([{ code: "custom", path: ["bucket"], message: "bucket is required to test a storage key", input: undefined }]);
      const region = data.region ?? (credential.kind === "gcs_hmac" ? "auto" : "us-east-1");
      const endpoint = endpointFor("S3 endpoint");
      const result = await probeS3({ endpoint, region, bucket: data.bucket, credentials: credential.secret, transport: checkedTransport(policy) });
      return { endpoint: endpoint ?? `https://s3.${region}.amazonaws.com`, result };
    }
    case "chartmogul": {
      const endpoint = endpointFor("ChartMogul API URL")!;
      const basic = Buffer.from(`${credential.secret.apiKey}:`).toString("base64");
      const result = await probeHttpApi({ service: "ChartMogul", endpoint, url: `${endpoint}/v1/ping`, headers: { authorization: `Basic ${basic}` }, dispatcher });
      return { endpoint, result };
    }
    case "pipeliner": {
      const { username, password, spaceId } = credential.secret;
      const endpoint = endpointFor("Pipeliner service URL")!;
      const basic = Buffer.from(`${username}:${password}`).toString("base64");
      const url = `${endpoint}/api/v100/rest/spaces/${encodeURIComponent(spaceId)}/entities/Clients?first=1`;
      return { endpoint, result: await probeHttpApi({ service: "Pipeliner", endpoint, url, headers: { authorization: `Basic ${basic}` }, dispatcher }) };
    }
    case "exact_sales": {
      const endpoint = endpointFor("Exact Sales API URL")!;
      const url = `${endpoint}/Funnels?$top=1`;
      return { endpoint, result: await probeHttpApi({ service: "Exact Sales", endpoint, url, headers: { token_exact: credential.secret.token }, dispatcher }) };
    }
  }
}
