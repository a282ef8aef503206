// The "N deals match" figure every deals page shows. Counting a million matching rows
// exactly costs what reading them costs, so, as mail clients do, the page counts exactly
// only up to a threshold and beyond it shows PostgreSQL's own estimate ("≈ 1.2M"); the exact
// figure is one click (or ?count=exact) away. Select-all-matching stays exact
// (summarizeSelection).
import "server-only";
import { getDb, type Db } from "@/lib/db/client";
import { countRowsUpTo, plannedRows } from "@/lib/db/planned-rows";
import type { DealFilter } from "./deal-filter";
import type { MatchingCount } from "./matching-count";
import { resolvedDealWhere } from "./resolved-deal-where";
import { countDeals } from "./summarize-deals";

/** Up to this many matching deals the page shows the exact count … */
export const EXACT_COUNT_UP_TO = 10_000;
/** … when counting them takes no longer than this; else the estimate. */
const COUNT_BUDGET_MS = 100;
/**
 * An estimate this many times the threshold is not checked with a count: counting the
 * threshold's worth of rows costs most of the budget, and the planner's estimates for the
 * browse filters (resolved to ids, extended statistics) are within a few percent (bench:browse
 * prints shown/exact for every filter).
 */
const CLEARLY_MORE = 3;

export type CountHow = { exact?: boolean; exactUpTo?: number };

export async function countMatchingDeals(filter: DealFilter, how: CountHow = {}, db: Db = getDb()): Promise<MatchingCount> {
  if (how.exact) return { count: await countDeals(filter, db), exact: true };
  const upTo = how.exactUpTo ?? EXACT_COUNT_UP_TO;
  const where = await resolvedDealWhere(filter, db);
  const matching = (plan: Db) => plan.deal.findMany({ where, select: { id: true } });
  const estimate = await plannedRows(matching, db);
  if (estimate > CLEARLY_MORE * upTo) return { count: estimate, exact: false };
  // Reads at most upTo + 1 matching rows, however many match, and gives up after the budget.
  const bounded = await countRowsUpTo(matching, upTo + 1, COUNT_BUDGET_MS, db);
  if (bounded === null) return { count: estimate, exact: false };
  if (bounded <= upTo) return { count: bounded, exact: true };
  // The estimate may undershoot what the bounded count just proved.
  return { count: Math.max(estimate, bounded), exact: false };
}
