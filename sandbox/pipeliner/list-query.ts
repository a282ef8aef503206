// Pipeliner's list parameters over the in-memory store: filter[field] with
// filter-op[field], order-by, first/after cursor paging with page_info,
// expand and load-only, include-deleted — and how records are serialised
// (single relations as URIs unless expanded, as the real API does).
import { decodeCursor, encodeCursor } from "../fake-http-server";
import type { EntityName, PipelinerRecord, PipelinerStore } from "./store";

type Relation = { entity: EntityName; idField: string };
type Collection = { entity: EntityName; foreignKey: string; orderBy: string };

const RELATIONS: Partial<Record<EntityName, Record<string, Relation>>> = {
  Clients: { default_unit: { entity: "SalesUnits", idField: "default_unit_id" } },
  Steps: { pipeline: { entity: "Pipelines", idField: "pipeline_id" } },
  Accounts: { owner: { entity: "Clients", idField: "owner_id" } },
  Contacts: { owner: { entity: "Clients", idField: "owner_id" } },
  ContactAccountRelations: {
    account: { entity: "Accounts", idField: "account_id" },
    contact: { entity: "Contacts", idField: "contact_id" },
  },
  Opportunities: {
    owner: { entity: "Clients", idField: "owner_id" },
    step: { entity: "Steps", idField: "step_id" },
    pipeline: { entity: "Pipelines", idField: "pipeline_id" },
    unit: { entity: "SalesUnits", idField: "unit_id" },
  },
};

/** One-to-many relations, present only when expanded (`Pipelines?expand=steps`). */
const COLLECTIONS: Partial<Record<EntityName, Record<string, Collection>>> = {
  Pipelines: { steps: { entity: "Steps", foreignKey: "pipeline_id", orderBy: "sort_order" } },
};

const DEFAULT_PAGE_SIZE = 30;
const MAX_PAGE_SIZE = 100;

export type ListPage = {
  success: true;
  total: number;
  page_info: { start_cursor: string | null; end_cursor: string | null; has_previous_page: boolean; has_next_page: boolean };
  data: Record<string, unknown>[];
};

/** Why the parameters were refused, in the words of Pipeliner's ERROR_PARAMETER_INVALID message. */
export type InvalidParameter = { invalid: string };

export function serializeRecord(
  store: PipelinerStore,
  entity: EntityName,
  record: PipelinerRecord,
  options: { expand: Set<string>; entitiesUrl: string; loadOnly?: string[] },
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...record };
  for (const [name, relation] of Object.entries(RELATIONS[entity] ?? {})) {
    const target = store.live(relation.entity, record[relation.idField]);
    if (!target) out[name] = null;
    else if (options.expand.has(name)) out[name] = serializeRecord(store, relation.entity, target, { ...options, expand: new Set(), loadOnly: undefined });
    else out[name] = `${options.entitiesUrl}/${relation.entity}/${target.id}`;
  }
  for (const [name, collection] of Object.entries(COLLECTIONS[entity] ?? {})) {
    if (!options.expand.has(name)) continue;
    out[name] = store
      .all(collection.entity)
      .filter((item) => item[collection.foreignKey] === record.id && !item.is_deleted)
      .sort((a, b) => compareValues(a[collection.orderBy], b[collection.orderBy]))
      .map((item) => serializeRecord(store, collection.entity, item, { ...options, expand: new Set(), loadOnly: undefined }));
  }
  return options.loadOnly ? Object.fromEntries(options.loadOnly.map((field) => [field, out[field]])) : out;
}

export function commaList(value: string | null): string[] {
  return (value ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

export function listRecords(
  store: PipelinerStore,
  entity: EntityName,
  query: URLSearchParams,
  entitiesUrl: string,
): ListPage | InvalidParameter {
  const includeDeleted = query.has("include-deleted") && query.get("include-deleted") !== "false";
  const records = store.all(entity).filter((record) => includeDeleted || !record.is_deleted);
  const knownFields = new Set(records.flatMap((record) => Object.keys(record)));

  let filtered = records;
  for (const [key, wanted] of query.entries()) {
    const field = /^filter\[(.+)\]$/.exec(key)?.[1];
    if (!field) continue;
    if (records.length > 0 && !knownFields.has(field)) return { invalid: `Unknown field '${field}' in filter for entity '${entity}'.` };
    const op = query.get(`filter-op[${field}]`) ?? "eq";
    if (!FILTER_OPS[op]) return { invalid: `Unknown filter operator '${op}' for field '${field}'.` };
    filtered = filtered.filter((record) => FILTER_OPS[op](record[field], wanted));
  }

  const order = commaList(query.get("order-by") ?? "created").map((term) =>
    term.startsWith("-") ? { field: term.slice(1), direction: -1 } : { field: term, direction: 1 },
  );
  const unknownOrder = order.find(({ field }) => records.length > 0 && !knownFields.has(field));
  if (unknownOrder) return { invalid: `Unknown field '${unknownOrder.field}' in order-by for entity '${entity}'.` };
  // The cursor holds the sort key of the last record sent, so paging survives inserts and deletes.
  const sortKey = (record: PipelinerRecord) => [...order.map(({ field }) => record[field]), record.id];
  const compareKeys = (a: unknown[], b: unknown[]) => {
    for (let i = 0; i < a.length; i++) {
      const direction = order[i]?.direction ?? 1;
      const result = compareValues(a[i], b[i]) * direction;
      if (result !== 0) return result;
    }
    return 0;
  };
  const sorted = [...filtered].sort((a, b) => compareKeys(sortKey(a), sortKey(b)));

  const firstParam = query.get("first");
  const first = firstParam === null ? DEFAULT_PAGE_SIZE : Number(firstParam);
  if (!Number.isInteger(first) || first < 1) return { invalid: `Parameter 'first' must be a positive integer.` };
  let remaining = sorted;
  const after = query.get("after");
  if (after) {
    const key = decodeCursor(after);
    if (!Array.isArray(key) || key.length !== order.length + 1) return { invalid: `Invalid cursor '${after}'.` };
    remaining = sorted.filter((record) => compareKeys(sortKey(record), key) > 0);
  }
  const page = remaining.slice(0, Math.min(first, MAX_PAGE_SIZE));
  const expand = new Set(commaList(query.get("expand")));
  const loadOnly = query.has("load-only") ? commaList(query.get("load-only")) : undefined;
  const cursorOf = (record: PipelinerRecord | undefined) => (record ? encodeCursor(sortKey(record)) : null);
  return {
    success: true,
    total: sorted.length,
    page_info: {
      start_cursor: cursorOf(page[0]),
      end_cursor: cursorOf(page[page.length - 1]),
      has_previous_page: remaining.length < sorted.length,
      has_next_page: remaining.length > page.length,
    },
    data: page.map((record) => serializeRecord(store, entity, record, { expand, entitiesUrl, loadOnly })),
  };
}

/** Orders numbers numerically and everything else as text; nulls first. */
function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  const numberA = typeof a === "number" ? a : Number(a);
  const numberB = typeof b === "number" ? b : Number(b);
  if ((typeof a === "number" || typeof b === "number") && !Number.isNaN(numberA) && !Number.isNaN(numberB)) return numberA - numberB;
  const textA = String(a);
  const textB = String(b);
  return textA < textB ? -1 : textA > textB ? 1 : 0;
}

const isBlank = (value: unknown) => value === null || value === undefined || value === "";
const text = (value: unknown) => (isBlank(value) ? null : String(value));
const lower = (value: unknown) => text(value)?.toLowerCase() ?? null;

const FILTER_OPS: Record<string, (value: unknown, wanted: string) => boolean> = {
  eq: (value, wanted) => text(value) === wanted,
  ieq: (value, wanted) => lower(value) === wanted.toLowerCase(),
  "not-eq": (value, wanted) => text(value) !== wanted,
  "not-ieq": (value, wanted) => lower(value) !== wanted.toLowerCase(),
  contains: (value, wanted) => text(value)?.includes(wanted) ?? false,
  starts: (value, wanted) => text(value)?.startsWith(wanted) ?? false,
  ends: (value, wanted) => text(value)?.endsWith(wanted) ?? false,
  icontains: (value, wanted) => lower(value)?.includes(wanted.toLowerCase()) ?? false,
  istarts: (value, wanted) => lower(value)?.startsWith(wanted.toLowerCase()) ?? false,
  iends: (value, wanted) => lower(value)?.endsWith(wanted.toLowerCase()) ?? false,
  null: (value) => value === null || value === undefined,
  "not-null": (value) => value !== null && value !== undefined,
  empty: isBlank,
  "not-empty": (value) => !isBlank(value),
  gt: (value, wanted) => !isBlank(value) && compareValues(value, wanted) > 0,
  gte: (value, wanted) => !isBlank(value) && compareValues(value, wanted) >= 0,
  lt: (value, wanted) => !isBlank(value) && compareValues(value, wanted) < 0,
  lte: (value, wanted) => !isBlank(value) && compareValues(value, wanted) <= 0,
  between: (value, wanted) => {
    const [low, high] = wanted.split(",");
    return !isBlank(value) && compareValues(value, low) >= 0 && compareValues(value, high) <= 0;
  },
};
