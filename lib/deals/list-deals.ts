// The deals table's query: one keyset page of deals matching a filter, in any sort.
import "server-only";
import { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { keysetPage, type KeysetPage } from "@/lib/pagination/keyset";
import { dealFilterSchema } from "./deal-filter";
import { DEAL_SORT_COLUMNS, dealSortSchema } from "./deal-sort";
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
  name: true,
  stage: true,
  pipeline: true,
  owner: true,
  amountMinor: true,
  currency: true,
  amountBaseMinor: true,
  closeDate: true,
  lastImportStatus: true,
  removedAt: true,
  updatedAt: true,
  source: { select: { id: true, name: true } },
  account: { select: { id: true, name: true } },
  links: { select: { externalId: true, url: true, destination: { select: { id: true, name: true, kind: true } } } },
} satisfies Prisma.DealSelect;

export type DealListRow = Prisma.DealGetPayload<{ select: typeof dealListSelect }>;

export async function listDeals(input: ListDealsInput, db: Db = getDb()): Promise<KeysetPage<DealListRow>> {
  const { filter, sort, dir, limit, after, before } = listDealsInputSchema.parse(input);
  const where = await resolvedDealWhere(filter, db);
  return keysetPage(where, { column: DEAL_SORT_COLUMNS[sort], dir, limit, after, before }, (segment) =>
    db.deal.findMany({
      where: segment.where as Prisma.DealWhereInput,
      orderBy: segment.orderBy as Prisma.DealOrderByWithRelationInput[],
      take: segment.take,
      select: dealListSelect,
    }),
  );
}
