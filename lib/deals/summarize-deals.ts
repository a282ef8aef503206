// How many deals a filter or a selection covers and what they are worth in the base
// currency: the "N matching" line and the selection bar. Aggregates, never the rows.
import "server-only";
import { getDb, type Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { getBaseCurrency } from "@/lib/currency/get-base-currency";
import { dealSelectionSchema, type DealFilter, type DealSelection } from "./deal-filter";
import { resolvedDealWhere } from "./resolved-deal-where";

export type DealSummary = {
  count: number;
  /** Sum of amountBaseMinor; deals without a base amount (no rate) count as 0 … */
  totalBaseMinor: bigint;
  /** … and are counted here so the total can say it is incomplete. */
  withoutBaseAmount: number;
  baseCurrency: string;
};

async function summarize(where: Prisma.DealWhereInput, db: Db): Promise<DealSummary> {
  const [aggregate, baseCurrency] = await Promise.all([
    db.deal.aggregate({ where, _count: { _all: true, amountBaseMinor: true }, _sum: { amountBaseMinor: true } }),
    getBaseCurrency(db),
  ]);
  return {
    count: aggregate._count._all,
    totalBaseMinor: aggregate._sum.amountBaseMinor ?? 0n,
    withoutBaseAmount: aggregate._count._all - aggregate._count.amountBaseMinor,
    baseCurrency,
  };
}

/**
 * Just the count, for the "N deals match" line on every page load: with the filter columns
 * indexed it is an index-only scan, where the base-currency total has to read every row.
 */
export async function countDeals(filter: DealFilter, db: Db = getDb()): Promise<number> {
  return db.deal.count({ where: await resolvedDealWhere(filter, db) });
}

export async function summarizeDeals(filter: DealFilter, db: Db = getDb()): Promise<DealSummary> {
  return summarize(await resolvedDealWhere(filter, db), db);
}

export async function summarizeSelection(input: DealSelection, db: Db = getDb()): Promise<DealSummary> {
  const selection = dealSelectionSchema.parse(input);
  if (selection.mode === "ids") return summarize({ id: { in: selection.ids } }, db);
  const where = await resolvedDealWhere(selection.filter, db);
  return summarize(selection.excludeIds.length ? { AND: [where, { id: { notIn: selection.excludeIds } }] } : where, db);
}

/** Which of `ids` the selection contains (to tick rows on screen when the selection was made under another filter). */
export async function idsInSelection(input: DealSelection, ids: string[], db: Db = getDb()): Promise<string[]> {
  const selection = dealSelectionSchema.parse(input);
  if (!ids.length) return [];
  if (selection.mode === "ids") return ids.filter((id) => selection.ids.includes(id));
  const where = await resolvedDealWhere(selection.filter, db);
  const rows = await db.deal.findMany({
    where: { AND: [where, { id: { in: ids, notIn: selection.excludeIds } }] },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
