// The one place that decides, for any error a push, an import or a pull can meet,
// whether trying again can help. Permanent: fail now with the message (a whole run
// when the cause concerns every item: credential, secret key, settings, endpoint).
// Transient: retry with backoff within the attempt budget. The table of decisions is in
// docs/decisions/push-queue.md; keep the two in step.
import { ZodError } from "zod";
import { DestinationError } from "@/lib/destinations/destination-error";
import { ConfigError } from "@/lib/env";
import { AppError, type ErrorCode } from "@/lib/errors";

export type Failure = {
  retry: "permanent" | "transient";
  /** run: the cause concerns every item of the run, so the run stops as a whole; item: this record only. */
  scope: "run" | "item";
  /** One clear reason, with what to do where we know it. Never holds a secret. */
  reason: string;
  /** Transient only: the write may have happened, so look for it (find()) before sending again. */
  outcomeUnknown: boolean;
  /** Transient only: refused before doing anything (429); wait `retryAfterMs` when the server said. */
  rateLimited: boolean;
  retryAfterMs: number | null;
};

/** Statuses worth another try: timeout, rate limit, server errors. Every other 4xx is an answer. */
export function isTransientHttpStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

// Codes lib throws for setup a person must fix (a deleted or undecryptable credential,
// settings that no longer parse, an endpoint the policy refuses, a refused token).
const PERMANENT_CODES = new Set<ErrorCode>(["misconfigured", "not_found", "bad_request", "forbidden", "unauthenticated", "validation_failed", "payload_too_large"]);

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EAI_AGAIN", "EPIPE", "ENETUNREACH", "EHOSTUNREACH", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT"]);

const CHECK_CREDENTIAL = "Check the credential in Settings → Credentials (save it again if it changed), then retry the run.";

const permanent = (scope: Failure["scope"], reason: string): Failure => ({ retry: "permanent", scope, reason, outcomeUnknown: false, rateLimited: false, retryAfterMs: null });
const transient = (reason: string, extra: Partial<Pick<Failure, "outcomeUnknown" | "rateLimited" | "retryAfterMs">> = {}): Failure => ({
  retry: "transient",
  scope: "item",
  reason,
  outcomeUnknown: false,
  rateLimited: false,
  retryAfterMs: null,
  ...extra,
});

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function classifyFailure(err: unknown): Failure {
  if (err instanceof DestinationError) {
    if (err.kind === "rate_limited") return transient(err.message, { rateLimited: true, retryAfterMs: err.retryAfterMs });
    if (err.kind === "unknown_outcome") return transient(err.message, { outcomeUnknown: true });
    // The destination refused the credential: every deal would meet the same answer.
    if (err.status === 401 || err.status === 403) return permanent("run", `${err.message}. ${CHECK_CREDENTIAL}`);
    return permanent("item", err.message);
  }
  // A malformed or missing DEALPORT_SECRET_KEY: the message says how to create one.
  if (err instanceof ConfigError) return permanent("run", err.message);
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => `${i.path.join(".") || "value"}: ${i.message}`).join("; ");
    return permanent("run", `Saved settings no longer pass their checks (${issues}); fix them in Settings, then retry the run.`);
  }
  if (err instanceof AppError) return PERMANENT_CODES.has(err.code) ? permanent("run", err.message) : transient(err.message);
  const s3 = s3Failure(err);
  if (s3) return s3;
  const name = (err as { name?: string } | null)?.name;
  const code = (err as { cause?: { code?: string } } | null)?.cause?.code ?? (err as { code?: string } | null)?.code;
  if (name === "TimeoutError" || (code && NETWORK_CODES.has(code))) return transient(`${messageOf(err)}${code ? ` (${code})` : ""}`);
  // Anything else (a database hiccup, a bug): it may pass, and the attempt budget ends it if not.
  return transient(messageOf(err));
}

/** AWS SDK errors (S3 sources, the Jointflows and Dreamdata drops) carry their HTTP status and fault side. */
function s3Failure(err: unknown): Failure | null {
  const e = err as { name?: string; message?: string; $fault?: string; $metadata?: { httpStatusCode?: number } } | null;
  const status = e && typeof e === "object" ? e.$metadata?.httpStatusCode : undefined;
  // No answer at all (a network error inside the SDK): the network rules below decide.
  if (status === undefined) return null;
  const reason = `S3 answered ${e!.name ?? "an error"} (HTTP ${status}): ${e!.message ?? ""}`.trim();
  if (isTransientHttpStatus(status)) return transient(reason);
  if (status === 401 || status === 403) return permanent("run", `${reason}. ${CHECK_CREDENTIAL}`);
  return permanent("run", `${reason}. Check the bucket and endpoint in the settings, then retry the run.`);
}
