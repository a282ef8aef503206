// The deals table's whole state in URL search params — filter, sort and page — so a view is
// shareable, survives a reload, and the back button returns to it. Browser-safe.
import { dealFilterSchema, joinUrlList, LIST_FILTER_KEYS, normaliseDealFilter, type DealFilter } from "./deal-filter";
import { dealSortSchema, type DealSort } from "./deal-sort";
import { parsePageParams, readParam, writePageParams, type PageParams, type SearchParamsInput } from "@/lib/pagination/page-params";

export type DealTableState = { filter: DealFilter; sort: DealSort } & PageParams;

const FILTER_KEYS = Object.keys(dealFilterSchema.shape) as (keyof DealFilter)[];
const LIST_KEYS = new Set<keyof DealFilter>(LIST_FILTER_KEYS);
export const DEFAULT_DEAL_SORT: DealSort = dealSortSchema.parse({});

/** Reads what it can: an invalid value is dropped rather than failing the whole page. */
export function parseDealFilterParams(params: SearchParamsInput): DealFilter {
  const filter: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) {
    const values = readParam(params, key).filter((v) => v !== "");
    if (!values.length) continue;
    // A repeated list key adds to the list: its values are joined as one URL list.
    const parsed = dealFilterSchema.shape[key].safeParse(LIST_KEYS.has(key) ? values.join(",") : values[0]);
    if (parsed.success && parsed.data !== undefined) filter[key] = parsed.data;
  }
  return normaliseDealFilter(filter as DealFilter);
}

export function parseDealTableParams(params: SearchParamsInput): DealTableState {
  const sort = dealSortSchema.safeParse({ sort: readParam(params, "sort")[0], dir: readParam(params, "dir")[0] });
  return { filter: parseDealFilterParams(params), sort: sort.success ? sort.data : DEFAULT_DEAL_SORT, ...parsePageParams(params) };
}

export function writeDealFilterParams(out: URLSearchParams, filter: DealFilter) {
  const normal = normaliseDealFilter(filter);
  for (const key of FILTER_KEYS) {
    const value = normal[key];
    if (value === undefined) continue;
    // Lists travel as one comma-joined value: short, readable URLs.
    out.set(key, Array.isArray(value) ? joinUrlList(value) : String(value));
  }
}

/** Defaults are left out, keys always in the same order: one state, one URL. */
export function serializeDealTableParams(state: DealTableState): URLSearchParams {
  const out = new URLSearchParams();
  writeDealFilterParams(out, state.filter);
  if (state.sort.sort !== DEFAULT_DEAL_SORT.sort || state.sort.dir !== DEFAULT_DEAL_SORT.dir) {
    out.set("sort", state.sort.sort);
    out.set("dir", state.sort.dir);
  }
  writePageParams(out, state);
  return out;
}
