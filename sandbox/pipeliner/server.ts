// Fake Pipeliner CRM REST API (v100), the subset Dealport's push uses: read
// Clients, SalesUnits, Pipelines (+steps), Steps, Accounts, Contacts,
// ContactAccountRelations and Currencies; create, read, update and delete
// Opportunities. Contract facts and their sources: docs/contracts/pipeliner.md; choices
// made where the sources are silent: ./README.md.
import http from "node:http";
import {
  basicCredentials,
  startFakeHttpServer,
  type FakeRequest,
  type FakeResponse,
  type FakeServerControls,
  type FakeServerOptions,
} from "../fake-http-server";
import { commaList, listRecords, serializeRecord } from "./list-query";
import { checkOpportunity, entityValidationError } from "./opportunities";
import { ENTITY_NAMES, PipelinerStore, type EntityName, type PipelinerRecord, type PipelinerSeed } from "./store";

export type PipelinerServerOptions = PipelinerSeed & FakeServerOptions;

export type PipelinerServer = FakeServerControls & {
  /** What a client is configured with: the equivalent of https://{service_url}/api/v100/rest/spaces/{space_id}. */
  baseUrl: string;
  spaceId: string;
  /** The first accepted API token and password, for tests. */
  username: string;
  password: string;
  store: PipelinerStore;
};

/** Pipeliner documents no rate limit, so the fake has none unless a test sets one. */
export async function startPipelinerServer(options: PipelinerServerOptions = {}): Promise<PipelinerServer> {
  const store = new PipelinerStore(options);
  const controls = await startFakeHttpServer(
    {
      handle: (request) => route(store, request),
      errorBody: (status) => pipelinerError(status, http.STATUS_CODES[status] ?? "Error"),
      rateLimitKey: (request) => basicCredentials(request.headers)?.username ?? "",
    },
    { port: options.port, rateLimit: options.rateLimit ?? null, maxConcurrentRequests: options.maxConcurrentRequests ?? null, clock: options.clock },
  );
  const [{ username, password }] = store.credentials;
  return { ...controls, baseUrl: `${controls.url}/api/v100/rest/spaces/${store.spaceId}`, spaceId: store.spaceId, username, password, store };
}

/**
 * The OpenAPI `Error` schema. Only some codes are documented (117, 119, 2006,
 * 40000, 40002); elsewhere the code repeats the HTTP status and the name is
 * derived from the status text.
 */
function pipelinerError(status: number, message: string, code = status, name = `ERROR_${(http.STATUS_CODES[status] ?? "HTTP").toUpperCase().replace(/\W+/g, "_")}`) {
  return { success: false, http_status: status, code, name, message };
}

const fail = (status: number, message: string, code?: number, name?: string): FakeResponse => ({
  status,
  body: pipelinerError(status, message, code, name),
});

const invalidParameter = (message: string) => fail(400, message, 117, "ERROR_PARAMETER_INVALID");

/** A wrong URL gets the web server's plain 404, which has no `success` field. */
const URL_NOT_FOUND: FakeResponse = {
  status: 404,
  body: {
    status: 404,
    message: "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.",
    errorcode: null,
    traceback: null,
  },
};

function route(store: PipelinerStore, request: FakeRequest): FakeResponse {
  const credentials = basicCredentials(request.headers);
  const known = credentials && store.credentials.some((c) => c.username === credentials.username && c.password === credentials.password);
  if (!known) {
    return {
      status: 401,
      headers: { "www-authenticate": 'Basic realm="restapi"' },
      body: pipelinerError(401, credentials ? "Invalid API token or password." : "Missing HTTP Basic authorization."),
    };
  }

  const match = /^\/api\/v100\/rest\/spaces\/([^/]+)\/entities\/([^/]+)(?:\/([^/]+))?\/?$/.exec(request.url.pathname);
  if (!match || decodeURIComponent(match[1]) !== store.spaceId) return URL_NOT_FOUND;
  const entityName = decodeURIComponent(match[2]);
  if (!ENTITY_NAMES.includes(entityName as EntityName)) {
    return fail(404, `Unknown entity type '${entityName}'.`, 2006, "ERROR_UNKNOWN_TYPE");
  }
  const entity = entityName as EntityName;
  const id = match[3] && decodeURIComponent(match[3]);
  const entitiesUrl = `${request.url.protocol}//${request.headers.host}/api/v100/rest/spaces/${store.spaceId}/entities`;
  const query = request.url.searchParams;
  const serialize = (record: PipelinerRecord) =>
    serializeRecord(store, entity, record, {
      expand: new Set(commaList(query.get("expand"))),
      entitiesUrl,
      loadOnly: query.has("load-only") ? commaList(query.get("load-only")) : undefined,
    });

  if (request.method === "GET" && !id) {
    const page = listRecords(store, entity, query, entitiesUrl);
    return "invalid" in page ? invalidParameter(page.invalid) : { status: 200, body: page };
  }
  if (request.method === "GET") {
    const record = store.get(entity, id!);
    if (!record || (record.is_deleted && !query.has("include-deleted"))) return entityNotFound(entity, id!);
    return { status: 200, body: { success: true, data: serialize(record) } };
  }
  if (entity !== "Opportunities") {
    return fail(405, `The sandbox only writes Opportunities; ${request.method} ${entity} is not supported.`);
  }

  if (request.method === "POST" && !id) {
    const body = parseJsonObject(request.body);
    if (!body) return invalidParameter("Missing or invalid JSON data.");
    const checked = checkOpportunity(store, body, null);
    if ("problems" in checked) return { status: 422, body: entityValidationError(checked.problems, checked.entityId) };
    // Status is read-only: 1 = Open until the opportunity is won or lost.
    const created = store.insert("Opportunities", {
      status: 1,
      account_relations: [],
      contact_relations: [],
      description: null,
      ranking: null,
      ...checked.fields,
    });
    return { status: 201, body: { success: true, data: serialize(created) } };
  }

  const existing = id ? store.live(entity, id) : undefined;
  if (!existing) return entityNotFound(entity, id ?? "");
  if (request.method === "PATCH") {
    const body = parseJsonObject(request.body);
    if (!body) return invalidParameter("Missing or invalid JSON data.");
    const checked = checkOpportunity(store, body, existing);
    if ("problems" in checked) return { status: 422, body: entityValidationError(checked.problems, checked.entityId) };
    return { status: 200, body: { success: true, data: serialize(store.update(entity, existing.id, checked.fields)!) } };
  }
  if (request.method === "DELETE") {
    store.softDelete(entity, existing.id);
    return { status: 200, body: { success: true, data: existing.id } };
  }
  return fail(405, `Method ${request.method} is not allowed here.`);
}

function entityNotFound(entity: EntityName, id: string): FakeResponse {
  return fail(404, `Entity '${entity}' with id '${id}' was not found.`);
}

function parseJsonObject(body: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
