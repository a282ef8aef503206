// The accounts table's state in the URL: search, sort, page. Browser-safe.
import { z } from "zod";
import { parsePageParams, readParam, writePageParams, type PageParams, type SearchParamsInput } from "@/lib/pagination/page-params";
import { sortDirectionSchema } from "@/lib/deals/deal-sort";

export const ACCOUNT_SORT_KEYS = ["name"] as const;

export const accountFilterSchema = z.object({
  q: z.string().trim().max(200).optional(),
  source: z.string().trim().max(100).optional(),
  status: z.enum(["active", "removed"]).optional(),
});
export type AccountFilter = z.infer<typeof accountFilterSchema>;

export const accountSortSchema = z.object({ sort: z.enum(ACCOUNT_SORT_KEYS).default("name"), dir: sortDirectionSchema.default("asc") });
export type AccountSort = z.infer<typeof accountSortSchema>;

export type AccountTableState = { filter: AccountFilter; sort: AccountSort } & PageParams;

export function parseAccountTableParams(params: SearchParamsInput): AccountTableState {
  const filter: AccountFilter = {};
  for (const key of ["q", "source", "status"] as const) {
    const parsed = accountFilterSchema.shape[key].safeParse(readParam(params, key)[0] || undefined);
    if (parsed.success && parsed.data) Object.assign(filter, { [key]: parsed.data });
  }
  const sort = accountSortSchema.safeParse({ sort: readParam(params, "sort")[0], dir: readParam(params, "dir")[0] });
  return { filter, sort: sort.success ? sort.data : accountSortSchema.parse({}), ...parsePageParams(params) };
}

export function serializeAccountTableParams(state: AccountTableState): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of ["q", "source", "status"] as const) if (state.filter[key]) out.set(key, state.filter[key]!);
  if (state.sort.dir !== "asc") {
    out.set("sort", state.sort.sort);
    out.set("dir", state.sort.dir);
  }
  writePageParams(out, state);
  return out;
}
