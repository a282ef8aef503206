// The deals table's query: one keyset page of deals matching a filter, in any sort; a deal
// from several sources is one row showing the group's winning values.
import "server-only";
import { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { keysetPage, type KeysetPage, type KeysetRequest } from "@/lib/pagination/keyset";
import { dealFilterSchema, dealWhere, normaliseDealFilter, type DealFilter } from "./deal-filter";
import { dealImportStatus } from "./deal-import-status";
import { DEAL_SORT_COLUMNS, dealSortSchema } from "./deal-sort";
import { loadLinkedFieldPreferences } from "./linked-field-sources";
import { linkedFieldWinners } from "./linked-field-winners";
import { resolvedDealWhere } from "./resolved-deal-where";

export const listDealsInputSchema = dealSortSchema.extend({
  filter: dealFilterSchema.default({}),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  after: z.string().max(500).optional(),
  before: z.string().max(500).optional(),
});
export type ListDealsInput = z.input<typeof listDealsInputSchema>;

export const dealListSelect = {
  id: true,
  externalId: true,
  sourceId: true,
  name: true,
  stage: true,
  pipeline: true,
  owner: true,
  amountMinor: true,
  currency: true,
  amountBaseMinor: true,
  closeDate: true,
  sourceCreatedAt: true,
  lastImportStatus: true,
  removedAt: true,
  updatedAt: true,
  source: { select: { id: true, name: true } },
  account: { select: { id: true, name: true } },
  links: { select: { externalId: true, url: true, destination: { select: { id: true, name: true, kind: true } } } },
} satisfies Prisma.DealSelect;

/** lastImportStatus is the deal's status in its source's latest import run (./deal-import-status.ts). */
export type DealListRow = Prisma.DealGetPayload<{ select: typeof dealListSelect }>;

// The page query also reads each row's link-group members, so a page is one statement (with
// relationJoins every relation is a LATERAL join): on a busy server each round trip costs
// more than the query itself. And what the row's status is derived from, not passed on.
const dealPageSelect = {
  ...dealListSelect,
  lastSeenRunId: true,
  source: { select: { ...dealListSelect.source.select, latestDealRunId: true } },
  linkedDeals: { where: { removedAt: null }, select: dealListSelect },
} satisfies Prisma.DealSelect;
type DealPageRow = Prisma.DealGetPayload<{ select: typeof dealPageSelect }>;

/**
 * A page either walks the sort's index until it has `limit` matches or reads every match
 * through the filters' indexes and sorts them: the walk wins when matches are common, the sort
 * when they are few. PostgreSQL prices the walk as if the table were cached, each page read
 * once however often the walk comes back to it, so it walked 37,000 deals to find 51 of 1,770
 * (bench:browse, owner + close-date range). Planned with no cache assumed, a deal visited costs
 * a page read and the choice follows what the visits cost. A read costs about the same in
 * whatever order it comes (the pages are in memory, or on an SSD): at the default random cost of
 * 4 sequential ones, reading 24,000 of the table's 25,000 pages through one filter's index
 * looked as cheap as walking 5,900 deals and the plan flipped between them from one ANALYZE to
 * the next (bench:browse, stage + source + changed: 6,000 or 24,500 buffers). A page reads a few
 * thousand deals at most: parallel workers cost more to start than they save. Two filters
 * ANDed as bitmaps need room for them: at the default 4 MB work_mem the bitmaps of a common
 * owner and a quarter's close dates went lossy at 5M deals and the page rechecked 1.2M deals on
 * 61,000 pages (bench:browse, owner + close-date range: 298 ms p95); with 32 MB, 8,300 pages.
 */
export const PAGE_PLANNING =
  "SELECT set_config('effective_cache_size', '1', true), set_config('random_page_cost', '1.1', true), set_config('max_parallel_workers_per_gather', '0', true), set_config('work_mem', '32MB', true)";

export async function listDeals(input: ListDealsInput, db: Db = getDb()): Promise<KeysetPage<DealListRow>> {
  const { filter, sort, dir, limit, after, before } = listDealsInputSchema.parse(input);
  const request = { column: DEAL_SORT_COLUMNS[sort], dir, limit, after, before };
  const page = isUnfiltered(filter) ? await unfilteredPage(request, db) : await filteredPage(await resolvedDealWhere(filter, db), request, db);
  return { ...page, rows: await withLinkedWinners(page.rows, db) };
}

const isUnfiltered = (filter: DealFilter) => Object.keys(normaliseDealFilter(filter)).length === 0;

/**
 * Without a filter the only plan is to walk the sort's index, so a page is one statement
 * with its relations, outside a transaction: a third of the round trips a filtered page takes,
 * which on a busy server is most of its time.
 */
function unfilteredPage(request: KeysetRequest, db: Db): Promise<KeysetPage<DealPageRow>> {
  return keysetPage(dealWhere({}, []), request, (segment) =>
    db.deal.findMany({ where: segment.where as Prisma.DealWhereInput, orderBy: segment.orderBy as Prisma.DealOrderByWithRelationInput[], take: segment.take, select: dealPageSelect }),
  );
}

function filteredPage(where: Prisma.DealWhereInput, request: KeysetRequest, db: Db): Promise<KeysetPage<DealPageRow>> {
  return db.$transaction(async (tx) => {
    await tx.$queryRawUnsafe(PAGE_PLANNING);
    return keysetPage(where, request, async (segment) => {
      const orderBy = segment.orderBy as Prisma.DealOrderByWithRelationInput[];
      // The page's deals first, then their relations: in one query the relations (LATERAL
      // joins) would be read for every match before sorting, which rules out the sort.
      const ids = await tx.deal.findMany({ where: segment.where as Prisma.DealWhereInput, orderBy, take: segment.take, select: { id: true } });
      return ids.length ? tx.deal.findMany({ where: { id: { in: ids.map((row) => row.id) } }, orderBy, select: dealPageSelect }) : [];
    });
  });
}

/**
 * A row standing for a link group shows each field from the group's winner (as its deal page
 * and pushes do) and every destination any of its sources was pushed to. Sort and filters
 * still read the row's own deal: the page is queried before the group is merged.
 */
async function withLinkedWinners(rows: DealPageRow[], db: Db): Promise<DealListRow[]> {
  const groups = rows.some((row) => row.linkedDeals.length);
  const preferences = groups ? await loadLinkedFieldPreferences(db) : {};
  return rows.map(({ linkedDeals, lastSeenRunId, source: { latestDealRunId, ...source }, ...deal }) => {
    const row: DealListRow = { ...deal, source, lastImportStatus: dealImportStatus({ ...deal, lastSeenRunId }, latestDealRunId) };
    if (!linkedDeals.length) return row;
    const group = [row, ...linkedDeals];
    const win = linkedFieldWinners(group, preferences);
    const links = group.flatMap((m) => m.links).filter((l, i, all) => all.findIndex((o) => o.destination.id === l.destination.id) === i);
    return {
      ...row,
      name: win.name.name,
      stage: win.stage.stage,
      pipeline: win.pipeline.pipeline,
      owner: win.owner.owner,
      amountMinor: win.amount.amountMinor,
      currency: win.amount.currency,
      amountBaseMinor: win.amount.amountBaseMinor,
      closeDate: win.closeDate.closeDate,
      sourceCreatedAt: win.sourceCreatedAt.sourceCreatedAt,
      account: win.account.account,
      links,
    };
  });
}
