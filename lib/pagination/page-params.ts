// Paging state as it lives in a table's URL: a keyset cursor (after/before), the page number
// shown to people, and the page size. Browser-safe.
import { z } from "zod";

export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;

export type PageParams = { after?: string; before?: string; page: number; size: number };

export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

/** All values of a key, whichever form the search params came in. */
export function readParam(params: SearchParamsInput, key: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(key);
  const value = params[key];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

const cursor = z.string().min(1).max(500).regex(/^[A-Za-z0-9_-]+$/);
const page = z.coerce.number().int().min(1).max(1_000_000);
const size = z.coerce.number().pipe(z.union(PAGE_SIZES.map((n) => z.literal(n)) as [z.ZodLiteral<25>, z.ZodLiteral<50>, z.ZodLiteral<100>]));

/** Invalid or missing values fall back to the first page: a stale link still opens. */
export function parsePageParams(params: SearchParamsInput): PageParams {
  const after = cursor.safeParse(readParam(params, "after")[0]);
  const before = cursor.safeParse(readParam(params, "before")[0]);
  const pageNumber = page.safeParse(readParam(params, "page")[0]);
  const pageSize = size.safeParse(readParam(params, "size")[0]);
  const hasCursor = after.success || before.success;
  return {
    ...(after.success ? { after: after.data } : before.success ? { before: before.data } : {}),
    page: hasCursor && pageNumber.success ? pageNumber.data : 1,
    size: pageSize.success ? pageSize.data : DEFAULT_PAGE_SIZE,
  };
}

export function writePageParams(out: URLSearchParams, state: PageParams) {
  if (state.after) out.set("after", state.after);
  else if (state.before) out.set("before", state.before);
  if ((state.after || state.before) && state.page > 1) out.set("page", String(state.page));
  if (state.size !== DEFAULT_PAGE_SIZE) out.set("size", String(state.size));
}
