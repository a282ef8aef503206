// GET /api/v1/deals — list deals matching filters, one keyset page at a time (?after=<nextCursor>);
// ?count=estimate adds how many match as the deals page shows it (exact up to 10,000, else an
// estimate), ?count=exact the exact figure.
import { z } from "zod";
import { apiRoute } from "@/app/_lib/api-route";
import { countMatchingDeals } from "@/lib/deals/count-matching-deals";
import { matchingSeenOnPage } from "@/lib/deals/matching-count";
import { dealFilterSchema, LIST_FILTER_KEYS } from "@/lib/deals/deal-filter";
import { dealSortSchema } from "@/lib/deals/deal-sort";
import { listDeals } from "@/lib/deals/list-deals";

// Strict for scripts: an unknown or malformed parameter is a 422 naming it, never ignored.
const querySchema = dealFilterSchema
  .extend(dealSortSchema.shape)
  .extend({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    after: z.string().max(500).optional(),
    before: z.string().max(500).optional(),
    count: z.enum(["estimate", "exact"]).optional(),
  })
  .strict();

export const GET = apiRoute("signedIn", async (req) => {
  const params = new URL(req.url).searchParams;
  // ?stage=Won&stage=Lost and ?stage=Won,Lost mean the same; any other key repeated is a 422.
  const lists = new Set<string>(LIST_FILTER_KEYS);
  const raw = Object.fromEntries(
    [...new Set(params.keys())].map((k) => [k, lists.has(k) ? params.getAll(k).join(",") : params.getAll(k).length > 1 ? params.getAll(k) : params.get(k)]),
  );
  const { sort, dir, limit, after, before, count, ...filter } = querySchema.parse(raw);
  const [page, matching] = await Promise.all([
    listDeals({ filter, sort, dir, limit, after, before }),
    count ? countMatchingDeals(filter, { exact: count === "exact" }) : undefined,
  ]);
  const seen = matching && matchingSeenOnPage(matching, page, !after && !before);
  return { deals: page.rows, nextCursor: page.nextCursor, prevCursor: page.prevCursor, ...(seen ? { matching: seen } : {}) };
});
