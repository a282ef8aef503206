// A deal's import status: what its source's latest applied import run did to it. Imports
// store a status only on the deals they write (new, changed, back, removed), with
// lastSeenRunId = the run, and move Source.latestDealRunId to the run; every other deal was
// unchanged by it. So a re-import with a few changes writes those few, not a million
// "unchanged". Browser-safe (no database imports).
import type { Prisma } from "@/lib/db/generated/client";

/** One source's latest applied import run (null: none yet, the stored status stands). */
export interface LatestDealRun {
  sourceId: string;
  runId: string | null;
}

/** new | changed | unchanged | removed, as the deals table, the export and the API show it. */
export function dealImportStatus(
  deal: { lastImportStatus: string | null; lastSeenRunId: string | null; removedAt: Date | null },
  latestDealRunId: string | null,
): string | null {
  if (deal.removedAt) return "removed";
  return deal.lastSeenRunId === latestDealRunId ? deal.lastImportStatus : "unchanged";
}

/**
 * Live deals that the latest run of their source made `status` (new or changed): the
 * lastSeenRunId of each of them is one of those runs, so the (lastSeenRunId, lastImportStatus)
 * index reads only the latest runs' deals, never the million left unchanged.
 */
export function latestRunStatusWhere(status: "new" | "changed", latestRuns: readonly LatestDealRun[]): Prisma.DealWhereInput {
  const runIds = latestRuns.flatMap((r) => (r.runId ? [r.runId] : []));
  const neverImported = latestRuns.flatMap((r) => (r.runId ? [] : [r.sourceId]));
  return {
    lastImportStatus: status,
    removedAt: null,
    OR: [
      ...(runIds.length ? [{ lastSeenRunId: { in: runIds } }] : []),
      ...(neverImported.length ? [{ sourceId: { in: neverImported }, lastSeenRunId: null }] : []),
    ],
  };
}
