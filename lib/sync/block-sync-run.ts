// A run whose every item would meet the same permanent cause (a credential that can't be
// opened, a malformed secret key, destination settings that no longer parse, a refused
// credential) stops as a whole: "blocked", with one reason and what to do, instead of
// failing deal by deal or retrying forever. Its items stay queued; "Retry" on the run
// (retrySyncRun) starts it again once the cause is fixed.
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb, type Prisma } from "@/lib/db/client";

/** Blocks an active run; false when it was no longer active (another worker blocked it first). */
export async function blockSyncRun(runId: string, reason: string, tx: Prisma.TransactionClient = getDb()): Promise<boolean> {
  const { count } = await tx.syncRun.updateMany({
    where: { id: runId, status: { in: ["queued", "running"] } },
    data: { status: "blocked", error: reason, finishedAt: new Date() },
  });
  if (count) await recordAuditEvent({ actor: null, action: "sync_run.blocked", target: { type: "sync_run", id: runId }, summary: `Blocked: ${reason}` }, tx);
  return count > 0;
}
