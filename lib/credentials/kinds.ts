// The credential kinds, one entry each: the secret's shape (zod) and its form fields (which
// of them are secret), where the secret may be sent, and the one cheap request "Test
// connection" makes with it. Saving, opening, listing, the Settings → Credentials form and
// the redaction of remote answers all read this table, so a new kind of secret is one entry
// here (docs/adding-a-destination.md). The whole secret object is encrypted (lib/secrets);
// only `last4` of its main field is ever shown again.
import "server-only";
import { z } from "zod";
import type { CheckedTransport } from "@/lib/net/checked-transport";
import { probeHttpApi } from "./probes/probe-http-api";
import type { ProbeResult } from "./probes/probe-result";
import { probeS3 } from "./probes/probe-s3";

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

/** One input of a kind's secret (`name` is a key of its schema), as the form shows it. */
export type SecretField = {
  name: string;
  label: string;
  /**
   * "secret": masked, and redacted from any text built from a remote answer; "identifier":
   * shown as typed (an access key id, a user name) but redacted all the same; "setting": not a
   * secret at all (Pipeliner's service URL), neither masked nor redacted.
   */
  kind: "secret" | "identifier" | "setting";
  required: boolean;
  type?: "url";
  placeholder?: string;
  maxLength?: number;
  /** A wider input. */
  wide?: boolean;
};

/** What a probe gets: the opened secret, its endpoint (checked against the policy) and "Test connection"'s inputs. */
export type ProbeInput<S> = {
  secret: S;
  /** The credential's endpoint, checked against the endpoint policy (undefined: none stored, e.g. AWS S3). */
  endpoint(label: string): string | undefined;
  /** Kinds with `bucketTest` only. */
  bucket?: string;
  region?: string;
  transport: CheckedTransport;
};

type CredentialKindEntry<S> = {
  label: string;
  secretSchema: z.ZodType<S, unknown>;
  /** Every key of the schema, in form order (kinds.test.ts holds them in step). */
  fields: readonly SecretField[];
  /** The field whose last 4 characters identify a credential in lists. */
  mainField: keyof S & string;
  /**
   * Where the secret goes when the credential names no endpoint: a default URL, AWS (from
   * the region), or a field of the secret itself (Pipeliner's service URL, which then is the
   * endpoint: the form asks for no other).
   */
  endpoint: { default: string } | { fromRegion: string } | { secretField: keyof S & string };
  /** "Test connection" lists a bucket: it asks for one, and a region (default given here). */
  bucketTest?: { defaultRegion: string };
  /** One cheap authenticated request; a failure is a result, not an exception. */
  probe(input: ProbeInput<S>): Promise<{ endpoint: string; result: ProbeResult }>;
};

/** Infers each entry's secret type from its schema. */
const credentialKind = <S,>(entry: CredentialKindEntry<S>) => entry;

// S3 and GCS interoperability (HMAC) keys have the same shape: the same S3 client serves both.
const s3Secret = z
  .object({
    accessKeyId: secretText("Access key id"),
    secretAccessKey: secretText("Secret access key"),
    sessionToken: optionalSecretText("Session token"),
  })
  .strict();

const s3KeyPair = (label: string, endpoint: CredentialKindEntry<z.output<typeof s3Secret>>["endpoint"], defaultRegion: string) =>
  credentialKind({
    label,
    secretSchema: s3Secret,
    fields: [
      { name: "accessKeyId", label: "Access key id", kind: "identifier", required: true },
      { name: "secretAccessKey", label: "Secret access key", kind: "secret", required: true },
      { name: "sessionToken", label: "Session token (optional)", kind: "secret", required: false },
    ],
    mainField: "secretAccessKey",
    endpoint,
    bucketTest: { defaultRegion },
    async probe({ secret, endpoint: endpointFor, bucket, region = defaultRegion, transport }) {
      if (!bucket) throw new z.ZodError([{ code: "custom", path: ["bucket"], message: "bucket is required to test a storage key", input: undefined }]);
      const endpoint = endpointFor("S3 endpoint");
      const result = await probeS3({ endpoint, region, bucket, credentials: secret, transport });
      return { endpoint: endpoint ?? `https://s3.${region}.amazonaws.com`, result };
    },
  });

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

export const CREDENTIAL_KIND_REGISTRY = {
  s3: s3KeyPair("S3 access key pair", { fromRegion: "AWS S3 (from the region)" }, "us-east-1"),
  gcs_hmac: s3KeyPair("Google Cloud Storage HMAC key (Dreamdata)", { default: "https://storage.googleapis.com" }, "auto"),
  chartmogul: credentialKind({
    label: "ChartMogul API key",
    secretSchema: z.object({ apiKey: secretText("API key") }).strict(),
    fields: [{ name: "apiKey", label: "API key", kind: "secret", required: true, wide: true }],
    mainField: "apiKey",
    endpoint: { default: "https://api.chartmogul.com" },
    async probe({ secret, endpoint: endpointFor, transport }) {
      const endpoint = endpointFor("ChartMogul API URL")!;
      const headers = { authorization: basic(secret.apiKey, "") };
      return { endpoint, result: await probeHttpApi({ service: "ChartMogul", endpoint, url: `${endpoint}/v1/ping`, headers, dispatcher: transport.dispatcher }) };
    },
  }),
  pipeliner: credentialKind({
    label: "Pipeliner API user",
    secretSchema: z
      .object({
        username: secretText("API username"),
        password: secretText("API password"),
        serviceUrl: httpUrl("Service URL"),
        spaceId: secretText("Space id").pipe(z.string().max(200, "Space id must be at most 200 characters")),
      })
      .strict(),
    fields: [
      { name: "username", label: "API username", kind: "identifier", required: true },
      { name: "password", label: "API password", kind: "secret", required: true },
      { name: "serviceUrl", label: "Service URL", kind: "setting", required: true, type: "url", maxLength: 2048, placeholder: "https://eu-central.api.pipelinersales.com", wide: true },
      // Not a secret either, but redacted like one: it names the customer's space.
      { name: "spaceId", label: "Space id", kind: "identifier", required: true, maxLength: 200 },
    ],
    mainField: "password",
    endpoint: { secretField: "serviceUrl" },
    async probe({ secret, endpoint: endpointFor, transport }) {
      const endpoint = endpointFor("Pipeliner service URL")!;
      const url = `${endpoint}/api/v100/rest/spaces/${encodeURIComponent(secret.spaceId)}/entities/Clients?first=1`;
      const headers = { authorization: basic(secret.username, secret.password) };
      return { endpoint, result: await probeHttpApi({ service: "Pipeliner", endpoint, url, headers, dispatcher: transport.dispatcher }) };
    },
  }),
  exact_sales: credentialKind({
    label: "Exact Sales token",
    secretSchema: z.object({ token: secretText("Token") }).strict(),
    fields: [{ name: "token", label: "Token (token_exact)", kind: "secret", required: true, wide: true }],
    mainField: "token",
    endpoint: { default: "https://api.exactspotter.com/v3" },
    async probe({ secret, endpoint: endpointFor, transport }) {
      const endpoint = endpointFor("Exact Sales API URL")!;
      const headers = { token_exact: secret.token };
      return { endpoint, result: await probeHttpApi({ service: "Exact Sales", endpoint, url: `${endpoint}/Funnels?$top=1`, headers, dispatcher: transport.dispatcher }) };
    },
  }),
};

type Registry = typeof CREDENTIAL_KIND_REGISTRY;
export type CredentialKind = keyof Registry;
export const CREDENTIAL_KINDS = Object.keys(CREDENTIAL_KIND_REGISTRY) as [CredentialKind, ...CredentialKind[]];

export type CredentialSecretOf<K extends CredentialKind> = z.output<Registry[K]["secretSchema"]>;

/** A decrypted secret tagged with its kind (narrow on `kind`). */
export type AnyCredentialSecret = { [K in CredentialKind]: { kind: K; secret: CredentialSecretOf<K> } }[CredentialKind];

export function isCredentialKind(kind: string): kind is CredentialKind {
  return Object.hasOwn(CREDENTIAL_KIND_REGISTRY, kind);
}

/** The entry of a kind, loosely typed for code that serves every kind alike. */
export function credentialKindEntry(kind: CredentialKind): CredentialKindEntry<Record<string, string | undefined>> {
  return CREDENTIAL_KIND_REGISTRY[kind] as unknown as CredentialKindEntry<Record<string, string | undefined>>;
}

/** "S3 access key pair"; a kind this version does not know is shown as stored. */
export function credentialKindLabel(kind: string): string {
  return isCredentialKind(kind) ? CREDENTIAL_KIND_REGISTRY[kind].label : kind;
}

/**
 * Last 4 characters of the main secret. A secret shorter than 12 characters shows none:
 * four characters of a short secret give too much of it away.
 */
export function last4Of(kind: CredentialKind, secret: AnyCredentialSecret["secret"]): string {
  const value = (secret as Record<string, string | undefined>)[credentialKindEntry(kind).mainField] ?? "";
  return value.length >= 12 ? value.slice(-4) : "";
}

/** The values of a secret that redaction removes: all but its settings (Pipeliner's service URL). */
export function secretValues(kind: CredentialKind, secret: Record<string, unknown>): string[] {
  return credentialKindEntry(kind)
    .fields.filter((field) => field.kind !== "setting" && typeof secret[field.name] === "string")
    .map((field) => secret[field.name] as string);
}

/** "service URL": the secret field that is a kind's endpoint, in running text (undefined: none is). */
export function endpointFieldName(kind: CredentialKind): string | undefined {
  const entry = credentialKindEntry(kind);
  if (!("secretField" in entry.endpoint)) return undefined;
  const field = entry.endpoint.secretField;
  const label = entry.fields.find((f) => f.name === field)?.label ?? field;
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** One kind as Settings → Credentials offers it: plain data a client component can take. */
export type CredentialKindChoice = {
  kind: CredentialKind;
  label: string;
  fields: SecretField[];
  /** Null: the endpoint is one of the secret's fields (the form asks for no other). */
  endpointPlaceholder: string | null;
  /** Where the secret goes when no endpoint is stored (the credentials list). */
  unsetEndpoint: string;
  bucketTest: { defaultRegion: string } | null;
};

export function credentialKindChoices(): CredentialKindChoice[] {
  return CREDENTIAL_KINDS.map((kind) => {
    const entry = credentialKindEntry(kind);
    const endpoint = entry.endpoint;
    return {
      kind,
      label: entry.label,
      fields: [...entry.fields],
      endpointPlaceholder: "secretField" in endpoint ? null : "default" in endpoint ? endpoint.default : endpoint.fromRegion,
      unsetEndpoint: "secretField" in endpoint ? `its ${endpointFieldName(kind)}` : "default" in endpoint ? endpoint.default : endpoint.fromRegion,
      bucketTest: entry.bucketTest ?? null,
    };
  });
}
