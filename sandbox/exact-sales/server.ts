// Fake Exact Spotter API v3 (read side): the entity sets a Dealport pull reads,
// with the `token_exact` header, OData $filter/$orderby/$select/$top/$skip/$count,
// 500-record pages with @odata.nextLink, and the per-token rate limit.
// What each endpoint stands for and which choices are guesses: ./README.md.
import {
  startFakeHttpServer,
  type FakeRequest,
  type FakeResponse,
  type FakeServerControls,
  type FakeServerOptions,
  type RateLimit,
} from "../fake-http-server";
import { ODataQueryError, parseFilter, parseOrderBy, parseSelect, type EntityType } from "./odata";
import { ENTITY_TYPES, ExactSalesStore, type EntitySetName, type ExactSalesSeed } from "./store";

/** From a public field note, unverified: 30 requests per 20 s per token. */
export const EXACT_SALES_RATE_LIMIT: RateLimit = { requests: 30, windowMs: 20_000, retryAfter: false };
/** Documented: a page holds at most 500 records. */
export const MAX_PAGE_SIZE = 500;

export type ExactSalesServerOptions = ExactSalesSeed &
  FakeServerOptions & {
    /**
     * Reproduce the observed quirk: a page past the end (empty `value`) still
     * carries an @odata.nextLink, so only an empty page ends a pull. Default true.
     */
    nextLinkOnEmptyPage?: boolean;
    /**
     * Entity sets answered with 404 as if the account's API had no such endpoint: the
     * names we guessed (`SalesReps` for Vendedores) may not exist on a real account.
     */
    withoutEndpoints?: string[];
  };

export type ExactSalesServer = FakeServerControls & {
  /** What a client is configured with: the equivalent of https://api.exactspotter.com/v3. */
  baseUrl: string;
  /** The first accepted token, for tests. */
  token: string;
  store: ExactSalesStore;
};

type EntitySet = { name: string; data: EntitySetName };

/** Keyed by lower-case name: public clients call both /Stages and /stages. */
const ENTITY_SETS: Record<string, EntitySet> = Object.fromEntries(
  (
    [
      { name: "Leads", data: "leads" },
      { name: "Persons", data: "persons" },
      { name: "Funnels", data: "funnels" },
      { name: "Stages", data: "stages" },
      { name: "SalesReps", data: "salesReps" },
      { name: "LeadsSold", data: "leadsSold" },
      { name: "Losts", data: "losts" },
      // The vendor's entity table names Leads Descartados `losts`; public client code calls /LeadsDiscarded.
      { name: "LeadsDiscarded", data: "losts" },
      { name: "CustomFields", data: "customFields" },
      { name: "LeadsCustomFields", data: "leadsCustomFields" },
    ] satisfies EntitySet[]
  ).map((set) => [set.name.toLowerCase(), set]),
);

export async function startExactSalesServer(options: ExactSalesServerOptions = {}): Promise<ExactSalesServer> {
  const store = new ExactSalesStore(options);
  const queries = new QueryCache(store);
  const nextLinkOnEmptyPage = options.nextLinkOnEmptyPage ?? true;
  const absent = new Set((options.withoutEndpoints ?? []).map((name) => name.toLowerCase()));
  const controls = await startFakeHttpServer(
    {
      handle: (request) => route(store, queries, request, nextLinkOnEmptyPage, absent),
      errorBody: (status) => exactError(status === 429 ? "Too many requests. Try again later." : `The request failed with status ${status}.`),
      rateLimitKey: (request) => tokenOf(request) ?? "",
    },
    {
      port: options.port,
      rateLimit: options.rateLimit === undefined ? EXACT_SALES_RATE_LIMIT : options.rateLimit,
      maxConcurrentRequests: options.maxConcurrentRequests ?? null,
      clock: options.clock,
    },
  );
  return { ...controls, baseUrl: `${controls.url}/v3`, token: [...store.tokens][0], store };
}

/** The API's error body, e.g. {"error":{"code":"","message":"Lead not found"}}. */
function exactError(message: string) {
  return { error: { code: "", message } };
}

const fail = (status: number, message: string): FakeResponse => ({ status, body: exactError(message) });

function tokenOf(request: FakeRequest): string | undefined {
  const header = request.headers["token_exact"];
  return Array.isArray(header) ? header[0] : header;
}

function route(store: ExactSalesStore, queries: QueryCache, request: FakeRequest, nextLinkOnEmptyPage: boolean, absent: ReadonlySet<string>): FakeResponse {
  const token = tokenOf(request);
  if (!token || !store.tokens.has(token)) return fail(401, "Authorization has been denied for this request: missing or invalid token_exact.");

  const setName = /^\/v3\/([^/]+)\/?$/.exec(request.url.pathname)?.[1];
  const entitySet = setName && !absent.has(setName.toLowerCase()) ? ENTITY_SETS[setName.toLowerCase()] : undefined;
  if (!entitySet) return fail(404, `No HTTP resource was found that matches the request URI '${request.url.pathname}'.`);
  if (request.method !== "GET") return fail(405, `The requested resource does not support http method '${request.method}'.`);

  try {
    return { status: 200, body: queryEntitySet(queries, entitySet, request, nextLinkOnEmptyPage) };
  } catch (error) {
    if (error instanceof ODataQueryError) return fail(400, `The query specified in the URI is not valid. ${error.message}`);
    throw error;
  }
}

function nonNegativeInteger(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ODataQueryError(`${name} must be a non-negative integer.`);
  return value;
}

/**
 * Filtered and ordered records per (entity set, $filter, $orderby), reused
 * while the store is unchanged: a pull asks for the same query page after
 * page, and re-filtering 100,000 leads for each page would make the fake, not
 * the client, the bottleneck of a benchmark.
 */
class QueryCache {
  private readonly entries = new Map<string, { revision: number; records: readonly Record<string, unknown>[] }>();
  private static readonly MAX_ENTRIES = 16;

  constructor(private readonly store: ExactSalesStore) {}

  matching(entitySet: EntitySet, filter: string | null, orderBy: string | null): readonly Record<string, unknown>[] {
    const key = JSON.stringify([entitySet.data, filter, orderBy]);
    const cached = this.entries.get(key);
    if (cached?.revision === this.store.revision) return cached.records;
    let records = this.store.records(entitySet.data) as unknown as readonly Record<string, unknown>[];
    const type: EntityType = { name: ENTITY_TYPES[entitySet.data].name, fields: new Set(ENTITY_TYPES[entitySet.data].fields as readonly string[]) };
    if (filter) records = records.filter(parseFilter(filter, type));
    // Without $orderby the API answers oldest first, which is storage order here.
    if (orderBy) records = [...records].sort(parseOrderBy(orderBy, type));
    this.entries.delete(key);
    this.entries.set(key, { revision: this.store.revision, records });
    if (this.entries.size > QueryCache.MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return records;
  }
}

function queryEntitySet(queries: QueryCache, entitySet: EntitySet, request: FakeRequest, nextLinkOnEmptyPage: boolean) {
  const query = request.url.searchParams;
  const filter = query.get("$filter");
  const orderBy = query.get("$orderby");
  const select = query.get("$select");
  const top = nonNegativeInteger(query, "$top");
  const skip = nonNegativeInteger(query, "$skip") ?? 0;

  const records = queries.matching(entitySet, filter, orderBy);
  const project = select ? parseSelect(select) : (record: Record<string, unknown>) => record;

  const pageSize = Math.min(MAX_PAGE_SIZE, top ?? MAX_PAGE_SIZE);
  const value = records.slice(skip, skip + pageSize).map(project);
  // Server-driven paging: a nextLink appears only when the 500 cap, not the client's $top, cut the page short.
  const serverCapped = top === undefined || top > MAX_PAGE_SIZE;
  const hasNextLink = serverCapped && (value.length === MAX_PAGE_SIZE || (nextLinkOnEmptyPage && value.length === 0));

  const origin = `${request.url.protocol}//${request.headers.host}`;
  const body: Record<string, unknown> = { "@odata.context": `${origin}/v3/$metadata#${entitySet.name}` };
  if (query.get("$count") === "true") body["@odata.count"] = records.length;
  body.value = value;
  if (hasNextLink) {
    const next = new Map(query.entries());
    next.set("$skip", String(skip + MAX_PAGE_SIZE));
    if (top !== undefined) next.set("$top", String(top - MAX_PAGE_SIZE));
    const search = [...next].map(([key, param]) => `${key}=${encodeURIComponent(param)}`).join("&");
    body["@odata.nextLink"] = `${origin}${request.url.pathname}?${search}`;
  }
  return body;
}
