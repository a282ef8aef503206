// Fake ChartMogul API v1 (the subset Dealport uses): ping, customers (list,
// search by e-mail), opportunities (create, list, retrieve, update, delete).
// Contract facts and their sources: docs/contracts/chartmogul.md;
// the choices made where the sources are silent are listed in ./README.md.
import http from "node:http";
import {
  basicCredentials,
  decodeCursor,
  encodeCursor,
  startFakeHttpServer,
  type FakeRequest,
  type FakeResponse,
  type FakeServerControls,
  type FakeServerOptions,
  type RateLimit,
} from "../fake-http-server";
import {
  ChartMogulStore,
  FORECAST_CATEGORIES,
  OPPORTUNITY_TYPES,
  type ChartMogulOpportunity,
  type ChartMogulSeed,
  type NewOpportunity,
} from "./store";

/** Documented: 40 requests/s per account; no Retry-After header is documented. */
export const CHARTMOGUL_RATE_LIMIT: RateLimit = { requests: 40, windowMs: 1000, retryAfter: false };
/** Documented: more than 20 parallel connections are answered 503. */
export const CHARTMOGUL_MAX_CONCURRENT_REQUESTS = 20;

export type ChartMogulServerOptions = ChartMogulSeed & FakeServerOptions;

export type ChartMogulServer = FakeServerControls & {
  /** What a client is configured with: the equivalent of https://api.chartmogul.com (paths start with /v1). */
  baseUrl: string;
  /** The first accepted API key, for tests. */
  apiKey: string;
  store: ChartMogulStore;
};

export async function startChartMogulServer(options: ChartMogulServerOptions = {}): Promise<ChartMogulServer> {
  const store = new ChartMogulStore(options, options.clock);
  const controls = await startFakeHttpServer(
    {
      handle: (request) => route(store, request),
      errorBody: (status) => errorBody(status, ERROR_MESSAGES[status] ?? http.STATUS_CODES[status] ?? "Error"),
      // The documented limit is per account, and an API key identifies the account.
      rateLimitKey: (request) => basicCredentials(request.headers)?.username ?? "",
    },
    {
      port: options.port,
      rateLimit: options.rateLimit === undefined ? CHARTMOGUL_RATE_LIMIT : options.rateLimit,
      maxConcurrentRequests: options.maxConcurrentRequests === undefined ? CHARTMOGUL_MAX_CONCURRENT_REQUESTS : options.maxConcurrentRequests,
      clock: options.clock,
    },
  );
  return { ...controls, baseUrl: controls.url, apiKey: [...store.apiKeys][0], store };
}

const ERROR_MESSAGES: Record<number, string> = {
  401: "No valid API key provided",
  429: "Your request rate has exceeded our rate limit.",
};

type ErrorBody = { code: number; message: string; param: string | null };

function errorBody(status: number, message: string, param: string | null = null): ErrorBody {
  return { code: status, message, param };
}

function fail(status: number, message: string, param: string | null = null): FakeResponse {
  return { status, body: errorBody(status, message, param) };
}

const ok = (body: unknown, status = 200): FakeResponse => ({ status, body });

function route(store: ChartMogulStore, request: FakeRequest): FakeResponse {
  const credentials = basicCredentials(request.headers);
  // Documented: the key is the username; the password is empty or the key again.
  const authenticated =
    credentials && store.apiKeys.has(credentials.username) && (credentials.password === "" || credentials.password === credentials.username);
  if (!authenticated) return fail(401, ERROR_MESSAGES[401]);

  const path = request.url.pathname.replace(/\/+$/, "");
  const query = request.url.searchParams;
  const method = request.method;

  if (path === "/v1/ping" && method === "GET") return ok({ data: "pong!" });
  if (path === "/v1/customers" && method === "GET") return listCustomers(store, query);
  if (path === "/v1/customers/search" && method === "GET") return searchCustomers(store, query);

  if (path === "/v1/opportunities" || path.startsWith("/v1/opportunities/")) {
    if (store.apiKeysWithoutCrmSeat.has(credentials.username)) {
      return fail(403, "The Opportunities endpoints need an API key created by a user with a CRM seat");
    }
    if (path === "/v1/opportunities") {
      if (method === "GET") return listOpportunities(store, query);
      if (method === "POST") return createOpportunity(store, request.body);
    }
    const uuid = /^\/v1\/opportunities\/([^/]+)$/.exec(path)?.[1];
    if (uuid) {
      const existing = store.getOpportunity(decodeURIComponent(uuid));
      if (!existing) return fail(404, "Opportunity not found", "uuid");
      if (method === "GET") return ok(existing);
      if (method === "PATCH") return updateOpportunity(store, existing, request.body);
      if (method === "DELETE") {
        store.deleteOpportunity(existing.uuid);
        return ok({});
      }
    }
  }
  return fail(404, "The requested resource was not found");
}

type Page<T> = { entries: T[]; has_more: boolean; cursor: string | null };

const MAX_PER_PAGE = 200;

/** Cursor pagination over rows in insertion order; the cursor names the last row sent. */
function paginate<T>(rows: readonly { seq: number; record: T }[], query: URLSearchParams): Page<T> | FakeResponse {
  const perPageParam = query.get("per_page");
  const perPage = perPageParam === null ? MAX_PER_PAGE : Number(perPageParam);
  if (!Number.isInteger(perPage) || perPage < 1) return fail(400, "per_page must be a positive integer", "per_page");
  let afterSeq = 0;
  const cursorParam = query.get("cursor");
  if (cursorParam) {
    const decoded = decodeCursor(cursorParam) as { after?: unknown } | undefined;
    if (typeof decoded?.after !== "number") return fail(400, "Invalid cursor", "cursor");
    afterSeq = decoded.after;
  }
  const remaining = rows.filter((row) => row.seq > afterSeq);
  // Above 200 is clamped, not refused, as documented.
  const pageRows = remaining.slice(0, Math.min(perPage, MAX_PER_PAGE));
  const hasMore = remaining.length > pageRows.length;
  return {
    entries: pageRows.map((row) => row.record),
    has_more: hasMore,
    cursor: hasMore ? encodeCursor({ after: pageRows[pageRows.length - 1].seq }) : null,
  };
}

function isPage<T>(result: Page<T> | FakeResponse): result is Page<T> {
  return "entries" in result;
}

function listCustomers(store: ChartMogulStore, query: URLSearchParams): FakeResponse {
  const externalId = query.get("external_id");
  const status = query.get("status");
  const dataSource = query.get("data_source_uuid");
  const rows = store
    .customerRowsInOrder()
    .filter(
      ({ record }) =>
        (externalId === null || record.external_ids.includes(externalId)) &&
        (status === null || record.status === status) &&
        (dataSource === null || record.data_source_uuids.includes(dataSource)),
    );
  const page = paginate(rows, query);
  return isPage(page) ? ok(page) : page;
}

function searchCustomers(store: ChartMogulStore, query: URLSearchParams): FakeResponse {
  const email = query.get("email");
  if (!email) return fail(400, "email is required", "email");
  const rows = store.customersWithEmail(email);
  // Recorded real behaviour: no match is a 404, not an empty list.
  if (rows.length === 0) return fail(404, `Can't find any customers with email: "${email}"`, "email");
  const page = paginate(rows, query);
  return isPage(page) ? ok(page) : page;
}

function listOpportunities(store: ChartMogulStore, query: URLSearchParams): FakeResponse {
  const equals = (["customer_uuid", "owner", "pipeline", "pipeline_stage"] as const).map((field) => [field, query.get(field)] as const);
  const onOrAfter = query.get("estimated_close_date_on_or_after");
  const onOrBefore = query.get("estimated_close_date_on_or_before");
  const rows = store
    .opportunityRowsInOrder()
    .filter(
      ({ record }) =>
        equals.every(([field, wanted]) => wanted === null || record[field] === wanted) &&
        (onOrAfter === null || record.estimated_close_date >= onOrAfter) &&
        (onOrBefore === null || record.estimated_close_date <= onOrBefore),
    );
  const page = paginate(rows, query);
  return isPage(page) ? ok(page) : page;
}

function parseJsonObject(body: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function createOpportunity(store: ChartMogulStore, rawBody: string): FakeResponse {
  const body = parseJsonObject(rawBody);
  if (!body) return fail(400, "The request body must be a JSON object");
  const checked = checkOpportunityFields(store, body, null);
  if ("message" in checked) return fail(422, checked.message, checked.param);
  const stage = store.pipeline(checked.pipeline!)!.stages.find((s) => s.name === checked.pipeline_stage)!;
  const opportunity = store.insertOpportunity({
    type: "recurring",
    forecast_category: stage.defaultForecastCategory,
    win_likelihood: stage.defaultWinLikelihood,
    custom: {},
    ...checked,
  } as NewOpportunity);
  return ok(opportunity, 201);
}

function updateOpportunity(store: ChartMogulStore, existing: ChartMogulOpportunity, rawBody: string): FakeResponse {
  const body = parseJsonObject(rawBody);
  if (!body) return fail(400, "The request body must be a JSON object");
  const checked = checkOpportunityFields(store, body, existing);
  if ("message" in checked) return fail(422, checked.message, checked.param);
  // Custom attributes are merged by key, so a partial update keeps the others.
  const custom = checked.custom ? { ...existing.custom, ...checked.custom } : existing.custom;
  return ok(store.updateOpportunity(existing.uuid, { ...checked, custom }));
}

const REQUIRED_FIELDS = ["customer_uuid", "owner", "pipeline", "pipeline_stage", "estimated_close_date", "currency", "amount_in_cents"] as const;

// ISO 4217 codes ChartMogul lists as supported (a representative subset).
const CURRENCIES = new Set(
  "USD EUR GBP CAD AUD NZD CHF SEK NOK DKK PLN CZK HUF RON BGN ISK JPY CNY HKD SGD KRW INR IDR MYR PHP THB VND TWD BRL MXN ARS CLP COP PEN ZAR NGN KES EGP MAD AED SAR ILS TRY UAH RUB".split(" "),
);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Problem = { param: string; message: string };

/**
 * Validates the fields present in `body` (all required ones when creating,
 * `existing` is null) and returns them in stored form, or the first problem:
 * ChartMogul's error body carries one message and one `param`.
 */
function checkOpportunityFields(
  store: ChartMogulStore,
  body: Record<string, unknown>,
  existing: ChartMogulOpportunity | null,
): Partial<NewOpportunity> | Problem {
  if (!existing) {
    const missing = REQUIRED_FIELDS.find((field) => body[field] === undefined || body[field] === null || body[field] === "");
    if (missing) return { param: missing, message: `${missing} can't be blank` };
  }
  const has = (field: string) => body[field] !== undefined;
  const out: Partial<NewOpportunity> = {};

  if (has("customer_uuid")) {
    if (typeof body.customer_uuid !== "string" || !store.findCustomer(body.customer_uuid)) {
      return { param: "customer_uuid", message: `Customer not found: ${String(body.customer_uuid)}` };
    }
    out.customer_uuid = body.customer_uuid;
  }
  if (has("owner")) {
    if (typeof body.owner !== "string" || !EMAIL.test(body.owner)) return { param: "owner", message: "owner must be an e-mail address" };
    if (!store.crmUsers.has(body.owner.toLowerCase())) {
      return { param: "owner", message: `owner ${body.owner} is not a user with a CRM seat in this account` };
    }
    out.owner = body.owner;
  }
  if (has("pipeline") || has("pipeline_stage")) {
    const pipelineName = has("pipeline") ? body.pipeline : existing?.pipeline;
    const pipeline = typeof pipelineName === "string" ? store.pipeline(pipelineName) : undefined;
    if (!pipeline) return { param: "pipeline", message: `Pipeline not found: ${String(pipelineName)}` };
    const stageName = has("pipeline_stage") ? body.pipeline_stage : existing?.pipeline_stage;
    if (typeof stageName !== "string" || !pipeline.stages.some((stage) => stage.name === stageName)) {
      return { param: "pipeline_stage", message: `Pipeline stage ${String(stageName)} not found in pipeline ${pipeline.name}` };
    }
    out.pipeline = pipeline.name;
    out.pipeline_stage = stageName;
  }
  if (has("estimated_close_date")) {
    if (!isIsoDate(body.estimated_close_date)) {
      return { param: "estimated_close_date", message: "estimated_close_date must be a date formatted YYYY-MM-DD" };
    }
    out.estimated_close_date = body.estimated_close_date;
  }
  if (has("currency")) {
    if (typeof body.currency !== "string" || !CURRENCIES.has(body.currency)) {
      return { param: "currency", message: `currency must be a supported ISO 4217 code, got ${String(body.currency)}` };
    }
    out.currency = body.currency;
  }
  if (has("amount_in_cents")) {
    if (typeof body.amount_in_cents !== "number" || !Number.isInteger(body.amount_in_cents) || body.amount_in_cents < 0) {
      return { param: "amount_in_cents", message: "amount_in_cents must be a non-negative integer" };
    }
    out.amount_in_cents = body.amount_in_cents;
  }
  if (has("type")) {
    if (!OPPORTUNITY_TYPES.includes(body.type as (typeof OPPORTUNITY_TYPES)[number])) {
      return { param: "type", message: `type must be one of ${OPPORTUNITY_TYPES.join(", ")}` };
    }
    out.type = body.type as string;
  }
  if (has("forecast_category")) {
    if (!FORECAST_CATEGORIES.includes(body.forecast_category as (typeof FORECAST_CATEGORIES)[number])) {
      return { param: "forecast_category", message: `forecast_category must be one of ${FORECAST_CATEGORIES.join(", ")}` };
    }
    out.forecast_category = body.forecast_category as NewOpportunity["forecast_category"];
  }
  if (has("win_likelihood")) {
    const value = body.win_likelihood;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 100) {
      return { param: "win_likelihood", message: "win_likelihood must be an integer from 0 to 100" };
    }
    out.win_likelihood = value;
  }
  if (has("custom")) {
    const custom = customArrayToObject(body.custom);
    if (!custom) return { param: "custom", message: "custom must be an array of {key, value} objects" };
    out.custom = custom;
  }
  return out;
}

function isIsoDate(value: unknown): value is string {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** `custom` is an array of {key, value} on the way in and an object on the way out. */
function customArrayToObject(value: unknown): Record<string, unknown> | null {
  if (!Array.isArray(value)) return null;
  const out: Record<string, unknown> = {};
  for (const item of value) {
    if (!item || typeof item !== "object" || typeof item.key !== "string" || item.key === "" || !("value" in item)) return null;
    out[item.key] = item.value;
  }
  return out;
}
