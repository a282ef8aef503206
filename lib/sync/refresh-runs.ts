// Counts per run from its items, and the run's status once nothing is left to do.
import "server-only";
import { getDb } from "@/lib/db/client";

export type RunCounts = {
  total: number;
  pending: number;
  sending: number;
  sent: number;
  created: number;
  updated: number;
  reconciled: number;
  failed: number;
  skipped: number;
  uncertain: number;
};

export function finalStatus(counts: RunCounts): "succeeded" | "partial" | "failed" {
  const bad = counts.failed + counts.uncertain;
  if (bad === 0) return "succeeded";
  return counts.sent + counts.skipped === 0 ? "failed" : "partial";
}

export async function countRunItems(runId: string): Promise<RunCounts> {
  const groups = await getDb().syncItem.groupBy({ by: ["state", "action"], where: { runId }, _count: { _all: true } });
  const counts: RunCounts = { total: 0, pending: 0, sending: 0, sent: 0, created: 0, updated: 0, reconciled: 0, failed: 0, skipped: 0, uncertain: 0 };
  for (const g of groups) {
    const n = g._count._all;
    counts.total += n;
    if (g.state in counts) counts[g.state as keyof RunCounts] += n;
    if (g.state === "sent" && (g.action === "created" || g.action === "updated" || g.action === "reconciled")) counts[g.action] += n;
  }
  return counts;
}

/** Stores fresh counts; a queued/running run with nothing pending or sending is finished. */
export async function refreshRuns(runIds: Iterable<string>) {
  const db = getDb();
  for (const runId of new Set(runIds)) {
    const counts = await countRunItems(runId);
    const run = await db.syncRun.findUnique({ where: { id: runId }, select: { status: true } });
    if (!run) continue;
    const open = counts.pending + counts.sending > 0;
    const finishing = !open && (run.status === "queued" || run.status === "running");
    await db.syncRun.update({
      where: { id: runId },
      data: { counts, ...(finishing ? { status: finalStatus(counts), finishedAt: new Date() } : {}) },
    });
  }
}
