// HTTP client for the Exact Sales (Exact Spotter) API v3, read side. What it assumes
// about the API, and why, is in ./README.md. In short: `token_exact` header, OData
// $filter/$orderby/$skip, at most 500 records a page, an @odata.nextLink that may
// appear on an empty page (so only an empty or short last page ends a listing), a
// client-side limit of 30 requests per 20 s, and retries on 429/5xx/network errors.
import "server-only";
import type { z } from "zod";
import { isTransientHttpStatus } from "@/lib/classify-failure";
import { redactSecrets } from "@/lib/credentials/redact-secrets";
import { cellExcerpt } from "@/lib/imports/parse/problems";
import { AppError } from "@/lib/errors";
import { canonicalJson } from "@/lib/imports/canonical";
import { backoffDelay, parseRetryAfter } from "@/lib/net/backoff";
import { systemClock, type Clock } from "@/lib/net/clock";
import { RateLimiter, type RateLimit } from "@/lib/net/rate-limiter";
import { EXACT_ENTITY_SETS, EXACT_PAGE_ORDER, odataPageSchema, type ExactEntitySet, type ExactRecordOf } from "./records";

/** Documented: a page holds at most 500 records. */
export const EXACT_PAGE_SIZE = 500;

export const EXACT_SALES_RATE_LIMIT: RateLimit = { requests: 30, windowMs: 20_000, marginMs: 500 };

export type ExactSalesClientOptions = {
  /** e.g. https://api.exactspotter.com/v3, no trailing slash. */
  baseUrl: string;
  token: string;
  /** null: no client-side limit (a sandbox with its limit off, benchmarks). */
  rateLimit?: RateLimit | null;
  /** Tries per request, the first included. */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to backoffMaxMs, with jitter. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A Retry-After longer than this is cut to it: a pull should fail, not hang for hours. */
  maxRetryAfterMs?: number;
  requestTimeoutMs?: number;
  clock?: Clock;
  random?: () => number;
  fetch?: typeof fetch;
  /** Cancels waiting and requests in flight (the import's cancel button). */
  signal?: AbortSignal;
};

export type ODataQuery = {
  filter?: string;
  orderBy?: string;
  select?: string;
  /** Ask for @odata.count on the first page (for progress: how many records to expect). */
  count?: boolean;
};

/** How a failed call failed, for messages and for the caller to decide (only "auth" means a bad token). */
export type ExactSalesFailure = "auth" | "rate_limited" | "unavailable" | "invalid_response" | "rejected_request";

const FAILURE_CODES = {
  auth: "bad_request",
  rejected_request: "bad_request",
  rate_limited: "rate_limited",
  unavailable: "upstream_failed",
  invalid_response: "upstream_failed",
} as const;

export class ExactSalesError extends AppError {
  constructor(
    readonly failure: ExactSalesFailure,
    /** "GET /Leads": which call, never its query (a filter is data, not a secret, but it is long). */
    readonly endpoint: string,
    readonly httpStatus: number | null,
    message: string,
  ) {
    super(FAILURE_CODES[failure], message, { endpoint, httpStatus, failure });
    this.name = "ExactSalesError";
  }
}

/** A record that failed its schema: skipped, and reported as a problem of the pull. */
export type RejectedRecord = {
  entitySet: ExactEntitySet;
  /** 1-based position in the listing. */
  ordinal: number;
  recordId: string | null;
  /** Dotted path of the first bad field ("updateDate", "salesRep.email"). */
  field: string;
  message: string;
  excerpt: string | null;
};

export type ValidatedPage<Set extends ExactEntitySet> = {
  records: ExactRecordOf<Set>[];
  rejected: RejectedRecord[];
  /** @odata.count when it was asked for and sent. */
  total?: number;
};

export type ClientStats = { requests: number; retries: number; throttled: number };

export class ExactSalesClient {
  readonly stats: ClientStats = { requests: 0, retries: 0, throttled: 0 };
  private readonly limiter: RateLimiter | null;
  private readonly clock: Clock;
  private readonly options: Required<Omit<ExactSalesClientOptions, "rateLimit" | "signal" | "clock">> & { signal?: AbortSignal };

  constructor(options: ExactSalesClientOptions) {
    this.clock = options.clock ?? systemClock;
    const rateLimit = options.rateLimit === undefined ? EXACT_SALES_RATE_LIMIT : options.rateLimit;
    this.limiter = rateLimit ? new RateLimiter(rateLimit, this.clock) : null;
    this.options = {
      baseUrl: options.baseUrl.replace(/\/+$/, ""),
      token: options.token,
      maxAttempts: options.maxAttempts ?? 6,
      backoffBaseMs: options.backoffBaseMs ?? 1_000,
      backoffMaxMs: options.backoffMaxMs ?? 30_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 120_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
      random: options.random ?? Math.random,
      fetch: options.fetch ?? fetch,
      signal: options.signal,
    };
  }

  /**
   * Every record of a query, page by page, each record checked against its schema.
   * Pages are requested with $skip (500 more each time) in the table's stable order
   * (EXACT_PAGE_ORDER), so records updated during the listing keep their place. A table
   * without a key is listed in the API's order and a record seen on an earlier page is
   * dropped (a shifted page repeats records; it cannot be told to hold them still).
   */
  async *listAll<Set extends ExactEntitySet>(entitySet: Set, query: ODataQuery = {}): AsyncGenerator<ValidatedPage<Set>> {
    const schema = EXACT_ENTITY_SETS[entitySet] as unknown as z.ZodType<ExactRecordOf<Set>>;
    const orderBy = query.orderBy ?? EXACT_PAGE_ORDER[entitySet] ?? undefined;
    const seen = orderBy ? null : new Set<string>();
    let skip = 0;
    for (;;) {
      const page = await this.getPage(entitySet, { ...query, orderBy, count: query.count && skip === 0 }, skip);
      // The API may send a nextLink with an empty page: an empty page is the end, whatever it says.
      if (page.records.length === 0) return;
      const fresh = seen ? page.records.filter((record) => isFirstSighting(seen, record)) : page.records;
      yield { ...validatePage(entitySet, schema, fresh, skip), ...(page.total === undefined ? {} : { total: page.total }) };
      skip += page.records.length;
      // A short page without a nextLink is the last one; a short page with one (a server
      // capping below 500) is followed, so the cap never silently truncates a listing.
      if (page.records.length < EXACT_PAGE_SIZE && !page.hasNextLink) return;
    }
  }

  /** One page: the envelope is validated here (a bad one fails the call, naming the field). */
  async getPage(entitySet: ExactEntitySet, query: ODataQuery, skip: number): Promise<{ records: unknown[]; hasNextLink: boolean; total?: number }> {
    const endpoint = `GET /${entitySet}`;
    const body = await this.getJson(endpoint, this.urlFor(entitySet, query, skip));
    const parsed = odataPageSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.length ? issue.path.join(".") : "(body)";
      throw new ExactSalesError("invalid_response", endpoint, 200, `Exact Sales ${endpoint} answered an unexpected body: ${field} ${issue.message}`);
    }
    const total = parsed.data["@odata.count"];
    return { records: parsed.data.value, hasNextLink: parsed.data["@odata.nextLink"] !== undefined, ...(total === undefined ? {} : { total }) };
  }

  private urlFor(entitySet: ExactEntitySet, query: ODataQuery, skip: number): string {
    const params: string[] = [];
    if (query.filter) params.push(`$filter=${encodeURIComponent(query.filter)}`);
    if (query.orderBy) params.push(`$orderby=${encodeURIComponent(query.orderBy)}`);
    if (query.select) params.push(`$select=${encodeURIComponent(query.select)}`);
    if (query.count) params.push("$count=true");
    if (skip > 0) params.push(`$skip=${skip}`);
    return `${this.options.baseUrl}/${entitySet}${params.length ? `?${params.join("&")}` : ""}`;
  }

  private async getJson(endpoint: string, url: string): Promise<unknown> {
    const { maxAttempts, signal } = this.options;
    for (let attempt = 1; ; attempt++) {
      await this.limiter?.acquire(signal);
      signal?.throwIfAborted();
      this.stats.requests++;
      const outcome = await this.attempt(endpoint, url);
      if (outcome.ok) return outcome.body;
      if (outcome.status === 429) this.stats.throttled++;
      if (attempt >= maxAttempts) throw outcome.error;
      this.stats.retries++;
      await this.clock.sleep(outcome.retryAfterMs ?? this.backoff(attempt), signal);
    }
  }

  /** One HTTP exchange: the body, or the error with whether (and when) to try again. */
  private async attempt(
    endpoint: string,
    url: string,
  ): Promise<{ ok: true; body: unknown } | { ok: false; error: ExactSalesError; status: number | null; retryAfterMs: number | null }> {
    const { signal, requestTimeoutMs, token } = this.options;
    const timeout = AbortSignal.timeout(requestTimeoutMs);
    let response: Response;
    try {
      response = await this.options.fetch(url, {
        headers: { accept: "application/json", token_exact: token },
        // A redirect could carry the token to another host.
        redirect: "error",
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (err) {
      signal?.throwIfAborted();
      return { ok: false, status: null, retryAfterMs: null, error: this.networkError(endpoint, err, timeout.aborted) };
    }

    if (response.ok) {
      try {
        return { ok: true, body: await response.json() };
      } catch (err) {
        signal?.throwIfAborted();
        if (err instanceof SyntaxError) {
          // Not JSON at all: a proxy's HTML page, or another service at this URL. Trying again will not help.
          throw new ExactSalesError("invalid_response", endpoint, response.status, `Exact Sales ${endpoint} answered with a body that is not JSON`);
        }
        // The connection broke while the body was arriving.
        return { ok: false, status: null, retryAfterMs: null, error: this.networkError(endpoint, err, timeout.aborted) };
      }
    }

    const remote = this.remoteMessage(await response.json().catch(() => null));
    const said = remote ? `: ${remote}` : "";
    const status = response.status;
    if (status === 401 || status === 403) {
      throw new ExactSalesError(
        "auth",
        endpoint,
        status,
        `Exact Sales refused the token (HTTP ${status} on ${endpoint})${said.replace(/\.$/, "")}. Check the source's Exact Sales credential: the token is under Settings → Integrations → Token Exact Api in Exact Sales.`,
      );
    }
    if (isTransientHttpStatus(status)) {
      const error =
        status === 429
          ? new ExactSalesError("rate_limited", endpoint, status, `Exact Sales kept rate limiting ${endpoint} (HTTP 429) after ${this.options.maxAttempts} tries${said}`)
          : new ExactSalesError("unavailable", endpoint, status, `Exact Sales ${endpoint} failed with HTTP ${status} after ${this.options.maxAttempts} tries${said}`);
      return { ok: false, status, retryAfterMs: this.retryAfter(response.headers.get("retry-after")), error };
    }
    throw new ExactSalesError("rejected_request", endpoint, status, `Exact Sales ${endpoint} answered HTTP ${status}${said}`);
  }

  private networkError(endpoint: string, err: unknown, timedOut: boolean): ExactSalesError {
    const host = new URL(this.options.baseUrl).host;
    const code = (err as { cause?: { code?: string } })?.cause?.code ?? (err as { code?: string })?.code;
    const what = timedOut ? `no answer within ${this.options.requestTimeoutMs / 1000} s` : `network error${code ? ` (${code})` : ""}`;
    return new ExactSalesError("unavailable", endpoint, null, `Could not reach Exact Sales at ${host} for ${endpoint}: ${what}, after ${this.options.maxAttempts} tries`);
  }

  /** The API's error text ({"error":{"code":"","message":"…"}}), cut short and never echoing the token. */
  private remoteMessage(body: unknown): string | null {
    const error = (body as { error?: { message?: unknown } | string } | null)?.error;
    const message = typeof error === "string" ? error : error?.message;
    return typeof message === "string" && message ? redactSecrets(message.slice(0, 300), [this.options.token]) : null;
  }

  /** Retry-After, capped; null when absent or unreadable. */
  private retryAfter(header: string | null): number | null {
    const ms = parseRetryAfter(header, this.clock.now());
    return ms === null ? null : Math.min(ms, this.options.maxRetryAfterMs);
  }

  private backoff(attempt: number): number {
    const { backoffBaseMs, backoffMaxMs, random } = this.options;
    return backoffDelay(attempt, { baseMs: backoffBaseMs, capMs: backoffMaxMs, random });
  }
}

function isFirstSighting(seen: Set<string>, record: unknown): boolean {
  const key = canonicalJson(record);
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

function validatePage<Set extends ExactEntitySet>(
  entitySet: Set,
  schema: z.ZodType<ExactRecordOf<Set>>,
  records: unknown[],
  skip: number,
): ValidatedPage<Set> {
  const page: ValidatedPage<Set> = { records: [], rejected: [] };
  records.forEach((record, index) => {
    const parsed = schema.safeParse(record);
    if (parsed.success) {
      page.records.push(parsed.data);
      return;
    }
    const issue = parsed.error.issues[0];
    const field = issue.path.join(".") || "(record)";
    const id = (record as { id?: unknown } | null)?.id;
    const recordId = typeof id === "number" || (typeof id === "string" && id !== "") ? String(id) : null;
    page.rejected.push({
      entitySet,
      ordinal: skip + index + 1,
      recordId,
      field,
      message: `${entitySet} record ${recordId ?? `#${skip + index + 1} (no id)`}: ${field} ${issue.message}`,
      excerpt: cellExcerpt(issue.path.reduce<unknown>((at, key) => (at !== null && typeof at === "object" && Object.hasOwn(at, key) ? (at as Record<PropertyKey, unknown>)[key] : undefined), record)),
    });
  });
  return page;
}
