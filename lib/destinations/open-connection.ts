// A live connection to a configured destination: credential decrypted, config parsed,
// endpoint checked against the SSRF policy, requests through the destination's limiter.
// The limiter lives as long as the process, so preview, worker and test share one budget.
import "server-only";
import { endpointForCredential } from "@/lib/credentials/credential-endpoint";
import { secretValues, type CredentialKind } from "@/lib/credentials/kinds";
import { readCredentialSecret } from "@/lib/credentials/read-credential-secret";
import { AppError } from "@/lib/errors";
import { checkedTransport } from "@/lib/net/checked-transport";
import { parseEndpointUrl, type EndpointPolicy } from "@/lib/net/endpoint-url";
import { loadEndpointPolicy } from "@/lib/settings/allow-private-endpoints";
import { perSecond, RateLimiter } from "@/lib/net/rate-limiter";
import { createHttpClient } from "./http-client";
import { destinationModule } from "./registry";
import type { AnyDestination, Connection } from "./types";

type DestinationRow = { id: string; name: string; kind: string; credentialId: string | null; options: unknown };

export type OpenedDestination = { adapter: AnyDestination; conn: Connection<unknown, unknown>; secrets: string[] };

const limiters = new Map<string, { key: string; limiter: RateLimiter }>();

/**
 * Lookup results per destination, shared by every connection in the process for a
 * minute: a preview warms them for the run that follows, and a customer created at
 * the destination meanwhile is seen soon after.
 */
const LOOKUP_TTL_MS = 60_000;
const lookupMemos = new Map<string, { version: string; until: number; values: Map<string, Promise<unknown>> }>();

function memoFor(destination: DestinationRow) {
  const version = JSON.stringify([destination.credentialId, destination.options]);
  let store = lookupMemos.get(destination.id);
  if (!store || store.version !== version || store.until < Date.now()) {
    store = { version, until: Date.now() + LOOKUP_TTL_MS, values: new Map() };
    lookupMemos.set(destination.id, store);
  }
  const values = store.values;
  return <T,>(key: string, load: () => Promise<T>): Promise<T> => {
    let hit = values.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = load();
      values.set(key, hit);
      // A failed lookup is not remembered: the next attempt asks again.
      hit.catch(() => values.delete(key));
    }
    return hit;
  };
}

function limiterFor(destinationId: string, requestsPerSecond: number, maxConcurrent: number) {
  const key = `${requestsPerSecond}/${maxConcurrent}`;
  const existing = limiters.get(destinationId);
  if (existing?.key === key) return existing.limiter;
  const limiter = new RateLimiter(perSecond(requestsPerSecond, maxConcurrent));
  limiters.set(destinationId, { key, limiter });
  return limiter;
}

/** Every form a secret of this credential can take in a request (raw, `key:`, the Basic token). */
function secretForms(kind: CredentialKind, secret: Record<string, unknown>, headers: Record<string, string>): string[] {
  const values = secretValues(kind, secret);
  const tokens = Object.values(headers).map((h) => h.replace(/^Basic\s+/i, ""));
  return [...values, ...values.map((v) => `${v}:`), ...tokens];
}

export async function openConnection(destination: DestinationRow, policy?: EndpointPolicy): Promise<OpenedDestination> {
  const adapter = destinationModule(destination.kind);
  if (!destination.credentialId) throw new AppError("bad_request", `Destination "${destination.name}" has no credential; add one in Settings → Destinations`);
  const credential = await readCredentialSecret(destination.credentialId, adapter.credentialKind);
  const parsed = adapter.configSchema.safeParse(destination.options ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "options"}: ${i.message}`).join("; ");
    throw new AppError("misconfigured", `Destination "${destination.name}" has settings that no longer pass their checks (${issues}); fix them in Settings → Destinations`);
  }
  const config = parsed.data;
  const secret = credential.secret as Record<string, unknown>;
  const endpointPolicy = policy ?? (await loadEndpointPolicy());
  const memo = memoFor(destination);
  const transport = checkedTransport(endpointPolicy);
  // The secret goes to its credential's endpoint only; a URL in the destination's own settings must be that one.
  const label = `Destination "${destination.name}": ${adapter.label} URL`;
  const allowed = endpointForCredential(credential, adapter.configuredEndpoint?.(config), label);
  const endpoint = allowed === undefined ? undefined : parseEndpointUrl(allowed, endpointPolicy, label);

  if (adapter.delivery === "snapshot") {
    return { adapter, conn: { destinationId: destination.id, config, secret, http: null, transport, endpoint, memo }, secrets: secretForms(credential.kind, secret, {}) };
  }
  if (endpoint === undefined) throw new AppError("bad_request", `Credential "${credential.name}" has no endpoint for ${adapter.label}; save it again with one`);
  const target = adapter.httpTarget({ config, secret, endpoint });
  const baseUrl = target.baseUrl;
  const secrets = secretForms(credential.kind, secret, target.headers);
  const http = createHttpClient({
    baseUrl,
    headers: target.headers,
    limiter: limiterFor(destination.id, target.requestsPerSecond, target.maxConcurrent),
    secrets,
    service: adapter.label,
    dispatcher: transport.dispatcher,
  });
  return { adapter, conn: { destinationId: destination.id, config, secret, http, transport, endpoint, memo }, secrets };
}
