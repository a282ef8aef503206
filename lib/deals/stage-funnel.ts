// The deals page's stage funnel for the current filter: per pipeline, per stage, how many
// deals and their sum in the base currency. One grouped aggregate over the same where clause
// as the table's count (resolvedDealWhere), never the rows.
import "server-only";
import { getBaseCurrency } from "@/lib/currency/get-base-currency";
import { getDb, type Db } from "@/lib/db/client";
import type { DealFilter } from "./deal-filter";
import { resolvedDealWhere } from "./resolved-deal-where";

export type FunnelStage = {
  stage: string | null;
  count: number;
  totalBaseMinor: bigint;
  /** Deals without a base amount (no rate): counted, not in the sum. */
  withoutBaseAmount: number;
};
export type FunnelPipeline = { pipeline: string | null; count: number; totalBaseMinor: bigint; stages: FunnelStage[] };
export type StageFunnel = { baseCurrency: string; pipelines: FunnelPipeline[]; morePipelines: number };

// A picture stays readable with this many pipelines; the rest are named as a count.
const MAX_PIPELINES = 6;

export async function getStageFunnel(filter: DealFilter, db: Db = getDb()): Promise<StageFunnel> {
  const [groups, baseCurrency] = await Promise.all([
    db.deal.groupBy({
      by: ["pipeline", "stage"],
      where: await resolvedDealWhere(filter, db),
      _count: { _all: true, amountBaseMinor: true },
      _sum: { amountBaseMinor: true },
    }),
    getBaseCurrency(db),
  ]);
  const byPipeline = new Map<string | null, FunnelPipeline>();
  for (const g of groups) {
    const entry = byPipeline.get(g.pipeline) ?? { pipeline: g.pipeline, count: 0, totalBaseMinor: 0n, stages: [] };
    const total = g._sum.amountBaseMinor ?? 0n;
    entry.stages.push({ stage: g.stage, count: g._count._all, totalBaseMinor: total, withoutBaseAmount: g._count._all - g._count.amountBaseMinor });
    entry.count += g._count._all;
    entry.totalBaseMinor += total;
    byPipeline.set(g.pipeline, entry);
  }
  // Widest first: the shape of a funnel, whatever the stages are called.
  const pipelines = [...byPipeline.values()].sort((a, b) => b.count - a.count || String(a.pipeline).localeCompare(String(b.pipeline)));
  for (const p of pipelines) p.stages.sort((a, b) => b.count - a.count || String(a.stage).localeCompare(String(b.stage)));
  return { baseCurrency, pipelines: pipelines.slice(0, MAX_PIPELINES), morePipelines: Math.max(0, pipelines.length - MAX_PIPELINES) };
}
