// Lookups then plan() for a batch of deals: what the preview shows and a dry run records.
import { getBaseCurrency } from "@/lib/currency/get-base-currency";
import { loadDealsForPush } from "@/lib/destinations/load-deals-for-push";
import type { OpenedDestination } from "@/lib/destinations/open-connection";
import type { DealForPush, PlanResult } from "@/lib/destinations/types";
import { redactSecrets } from "@/lib/credentials/redact-secrets";

export type PlannedDeal = { deal: DealForPush; baseCurrency: string; result: PlanResult<unknown> };

/** The money a sync item keeps beside its payload (the deal timeline shows it). */
export function pushedMoney(deal: Pick<DealForPush, "amountBaseMinor">, baseCurrency: string) {
  return { amountBaseMinor: deal.amountBaseMinor === null ? null : BigInt(deal.amountBaseMinor), baseCurrency };
}

export async function planDeals(opened: OpenedDestination, dealIds: string[], runOptions: Record<string, string>): Promise<PlannedDeal[]> {
  const { adapter, conn } = opened;
  const [deals, baseCurrency] = await Promise.all([loadDealsForPush(dealIds, conn.destinationId), getBaseCurrency()]);
  const lookups = await adapter.lookup(deals, conn);
  return deals.map((deal) => {
    const result = adapter.plan({ deal, config: conn.config, lookups, baseCurrency, runOptions });
    // Problems can quote what the destination said; never let a secret through.
    return { deal, baseCurrency, result: result.ok ? result : { ok: false, problems: result.problems.map((p) => redactSecrets(p, opened.secrets)) } };
  });
}
