// A selection (ids, or everything matching a filter minus exclusions) → the deal ids
// it means right now. A run stores these ids, so later imports don't change what it sends.
import "server-only";
import { getDb } from "@/lib/db/client";
import { selectionWhere, type DealSelection } from "@/lib/deals/deal-filter";
import { latestDealRunsFor } from "@/lib/deals/resolved-deal-where";
import { AppError } from "@/lib/errors";

export const MAX_DEALS_PER_RUN = 50_000;

export async function resolveSelection(selection: DealSelection): Promise<string[]> {
  const latestRuns = selection.mode === "filter" ? await latestDealRunsFor(selection.filter) : [];
  const rows = await getDb().deal.findMany({
    where: selectionWhere(selection, latestRuns),
    select: { id: true },
    orderBy: { id: "asc" },
    take: MAX_DEALS_PER_RUN + 1,
  });
  if (rows.length > MAX_DEALS_PER_RUN) {
    throw new AppError("payload_too_large", `The selection has more than ${MAX_DEALS_PER_RUN} deals; narrow the filter`);
  }
  return rows.map((r) => r.id);
}
