// JSON over HTTP for destination modules: every request goes through the destination's
// rate limiter, has a timeout, and fails as a DestinationError carrying the vendor's own
// message with every secret redacted. Reads (GET) are retried here with backoff; writes
// never are: the worker retries them durably, reconciling first when the outcome is unknown.
import "server-only";
import { isTransientHttpStatus } from "@/lib/classify-failure";
import { request as sendRequest, type Dispatcher } from "undici";
import { secretRedactor } from "@/lib/credentials/redact-secrets";
import { backoffDelay, parseRetryAfter } from "@/lib/net/backoff";
import type { RateLimiter } from "@/lib/net/rate-limiter";
import { DestinationError } from "./destination-error";

type HttpClientOptions = {
  baseUrl: string;
  headers: Record<string, string>;
  limiter: RateLimiter;
  /** Secret values to scrub from any text that leaves the client. */
  secrets: readonly string[];
  /** The product, for messages ("ChartMogul"). */
  service: string;
  timeoutMs?: number;
  /** The checked transport (lib/net/checked-transport.ts); undefined: undici's default. */
  dispatcher?: Dispatcher;
  readRetries?: number;
  backoffBaseMs?: number;
};

type HttpResponse = { status: number; body: unknown };

/** A destination's answer as a sync item keeps it (the deal timeline shows it). */
export type RecordedAnswer = { status: number; body: unknown };

// Enough for any single-record answer; a larger one is kept as the start of its text.
const MAX_RECORDED_ANSWER_CHARS = 16_384;

export type HttpClient = {
  request(method: string, path: string, body?: unknown): Promise<HttpResponse>;
  get(path: string): Promise<HttpResponse>;
  /** Redacts secrets from a text. */
  redact(text: string): string;
  /** The answer to keep with a sync item: status and body, every secret redacted, size bounded. */
  recordAnswer(response: HttpResponse): RecordedAnswer;
};

/** The vendor's error text: ChartMogul ({message} | {error} | {errors}) and Pipeliner ({message, field_errors}) shapes. */
function vendorMessage(body: unknown): string | null {
  if (!body || typeof body !== "object") return typeof body === "string" && body ? body.slice(0, 300) : null;
  const b = body as Record<string, unknown>;
  if (typeof b.message === "string" && b.message.trim()) return b.message.trim();
  if (typeof b.error === "string") return b.error;
  if (b.error && typeof b.error === "object" && typeof (b.error as { message?: unknown }).message === "string") {
    return (b.error as { message: string }).message;
  }
  if (b.errors && typeof b.errors === "object") {
    return Object.entries(b.errors as Record<string, unknown>)
      .map(([field, problem]) => `${field}: ${Array.isArray(problem) ? problem.join(", ") : String(problem)}`)
      .join("; ");
  }
  return null;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { limiter, service, timeoutMs = 30_000, readRetries = 3, backoffBaseMs = 500 } = options;
  const redact = secretRedactor(options.secrets);

  async function once(method: string, path: string, body: unknown): Promise<HttpResponse> {
    return limiter.schedule(async () => {
      let response: Dispatcher.ResponseData;
      try {
        // undici's request() rather than fetch(): the same client without the WHATWG streams and
        // objects, which were a third of a push worker's CPU. It follows no redirects.
        response = await sendRequest(`${options.baseUrl}${path}`, {
          method: method as Dispatcher.HttpMethod,
          headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }), ...options.headers },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
          dispatcher: options.dispatcher,
        });
      } catch (err) {
        const e = err as { name?: string; code?: string; cause?: { code?: string } };
        const code = e.code ?? e.cause?.code;
        const why = e.name === "TimeoutError" ? `no answer within ${timeoutMs / 1000} s` : `connection failed${code ? ` (${code})` : ""}`;
        throw new DestinationError("unknown_outcome", `${service}: ${why}`);
      }
      const status = response.statusCode;
      const text = await response.body.text().catch(() => "");
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = text.slice(0, 300);
      }
      if (status >= 200 && status < 300) return { status, body: parsed };
      const said = vendorMessage(parsed);
      const message = redact(`${service} answered HTTP ${status}${said ? `: ${said}` : ""}`);
      if (status === 429) {
        const retryAfter = response.headers["retry-after"];
        const retryAfterMs = parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
        // Everyone waits, not just this request: the budget is shared.
        limiter.refused(retryAfterMs);
        throw new DestinationError("rate_limited", message, 429, retryAfterMs);
      }
      if (isTransientHttpStatus(status)) throw new DestinationError("unknown_outcome", message, status);
      throw new DestinationError("rejected", message, status);
    });
  }

  async function request(method: string, path: string, body?: unknown): Promise<HttpResponse> {
    if (method !== "GET") return once(method, path, body);
    for (let attempt = 1; ; attempt++) {
      try {
        return await once(method, path, body);
      } catch (err) {
        if (!(err instanceof DestinationError) || err.kind === "rejected" || attempt > readRetries) throw err;
        await new Promise((resolve) => setTimeout(resolve, err.retryAfterMs ?? backoffDelay(attempt, { baseMs: backoffBaseMs })));
      }
    }
  }

  function recordAnswer(response: HttpResponse): RecordedAnswer {
    const json = JSON.stringify(response.body ?? null);
    const text = redact(json);
    if (text.length > MAX_RECORDED_ANSWER_CHARS) return { status: response.status, body: { truncated: true, text: text.slice(0, MAX_RECORDED_ANSWER_CHARS) } };
    // Nothing redacted: the body as parsed is the answer to keep (no second parse per item).
    if (text === json) return { status: response.status, body: response.body ?? null };
    try {
      return { status: response.status, body: JSON.parse(text) };
    } catch {
      // A redaction that cut through JSON syntax: keep the text.
      return { status: response.status, body: { text } };
    }
  }

  return { request, get: (path) => request("GET", path), redact, recordAnswer };
}
