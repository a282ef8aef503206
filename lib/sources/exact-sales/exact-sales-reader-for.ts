// A saved Exact Sales source → the reader its import run uses: settings validated, the
// token decrypted, the base URL checked against the endpoint policy, and the update
// window worked out from the savepoint the source holds now.
import "server-only";
import { endpointForCredential } from "@/lib/credentials/credential-endpoint";
import { readCredentialSecret } from "@/lib/credentials/read-credential-secret";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { checkedTransport } from "@/lib/net/checked-transport";
import { parseEndpointUrl } from "@/lib/net/endpoint-url";
import { loadEndpointPolicy } from "@/lib/settings/allow-private-endpoints";
import { exactSalesConfigSchema, type ExactSalesConfig } from "./config";
import { ExactSalesClient, type ExactSalesClientOptions } from "./exact-sales-client";
import { ExactSalesReader } from "./read-exact-sales";
import { updateWindowFor } from "./update-window";

/** What tests and the benchmark may tune; the token and URL always come from the source. */
export type ExactSalesClientOverrides = Omit<Partial<ExactSalesClientOptions>, "baseUrl" | "token" | "signal">;

export async function exactSalesReaderFor(sourceId: string, overrides: ExactSalesClientOverrides = {}): Promise<ExactSalesReader> {
  const row = await getDb().source.findUniqueOrThrow({ where: { id: sourceId }, select: { id: true, name: true, config: true, credentialId: true, savepoint: true } });
  const { config, baseUrl, createClient } = await openExactSalesApi(row, overrides);
  return new ExactSalesReader({
    createClient,
    sourceId: row.id,
    baseUrl,
    mode: config.mode,
    savepoint: row.savepoint,
    window: config.mode === "incremental" ? updateWindowFor(row.savepoint, config) : null,
    money: { currency: config.currency, amountCustomField: config.amountCustomField ?? null, amountCurrency: config.amountCurrency ?? null },
  });
}

/** The source's settings validated, its token decrypted and its URL checked: a client factory for reads and tests. */
export async function openExactSalesApi(row: { name: string; config: unknown; credentialId: string | null }, overrides: ExactSalesClientOverrides = {}) {
  const config = readExactSalesConfig(row);
  if (!row.credentialId) throw new AppError("bad_request", `Source "${row.name}" has no Exact Sales token; choose one in Settings → Sources`);
  const credential = await readCredentialSecret(row.credentialId, "exact_sales");
  const { secret } = credential;
  // The token goes to its credential's endpoint only (the source's base URL must be that one), under the same SSRF policy as "test connection".
  const policy = await loadEndpointPolicy();
  const allowed = endpointForCredential(credential, config.baseUrl, `Source "${row.name}": Exact Sales API URL`)!;
  const baseUrl = parseEndpointUrl(allowed, policy, "Exact Sales API URL");
  const { dispatcher } = checkedTransport(policy);
  const createClient = (signal: AbortSignal) =>
    new ExactSalesClient({
      rateLimit: { requests: config.rateLimitRequests, windowMs: config.rateLimitWindowSeconds * 1000, marginMs: 500 },
      ...(dispatcher ? { fetch: (url, init) => fetch(url, { ...init, dispatcher } as RequestInit) } : {}),
      ...overrides,
      baseUrl,
      token: secret.token,
      signal,
    });
  return { config, baseUrl, createClient };
}

/** Source.config of an Exact Sales source; an error naming the field when it no longer validates. */
export function readExactSalesConfig(row: { name: string; config: unknown }): ExactSalesConfig {
  const parsed = exactSalesConfigSchema.safeParse(row.config ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("bad_request", `Source "${row.name}" has invalid settings (${issue.path.join(".")}: ${issue.message}); fix them in Settings → Sources`);
  }
  return parsed.data;
}
