/** What a connection test tells the admin. `message` never contains a secret. */
export type ProbeResult = { ok: boolean; status: number | null; message: string };

export const PROBE_TIMEOUT_MS = 10_000;

/** A network-level failure (refused, DNS, TLS, timeout) in words. */
export function describeNetworkError(err: unknown, endpoint: string): string {
  const e = err as { name?: string; code?: string; cause?: { code?: string } };
  const host = new URL(endpoint).host;
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return `No answer from ${host} within ${PROBE_TIMEOUT_MS / 1000} s`;
  const code = e?.cause?.code ?? e?.code;
  const what: Record<string, string> = {
    ECONNREFUSED: "the connection was refused",
    ENOTFOUND: "the host name does not resolve",
    EAI_AGAIN: "the host name could not be resolved right now",
    ECONNRESET: "the connection was reset",
    ETIMEDOUT: "the connection timed out",
    CERT_HAS_EXPIRED: "its TLS certificate has expired",
    DEPTH_ZERO_SELF_SIGNED_CERT: "its TLS certificate is self-signed",
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: "its TLS certificate cannot be verified",
    EPRIVATEADDRESS: "it resolves to a private or loopback address, which production refuses unless an admin allows private endpoints",
  };
  return `Could not reach ${host}: ${(code && what[code]) ?? `network error${code ? ` (${code})` : ""}`}`;
}
