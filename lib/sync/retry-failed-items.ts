import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { refreshRuns } from "./refresh-runs";

/**
 * "Retry" on a run: failed items go back to the queue with a fresh attempt budget, and a
 * blocked run starts again (if its cause is still there, the worker blocks it again at once).
 */
export async function retryFailedItems(runId: string, actor: Actor | null) {
  const db = getDb();
  const run = await db.syncRun.findUnique({ where: { id: runId }, select: { dryRun: true, status: true } });
  if (!run) throw new AppError("not_found", `No sync run ${runId}`);
  if (run.dryRun) throw new AppError("bad_request", "A dry run sends nothing; start a push instead");
  const blocked = run.status === "blocked";
  const fresh = { attempt: 0, throttled: 0, nextAttemptAt: null, error: null };
  const { count } = await db.syncItem.updateMany({ where: { runId, state: "failed" }, data: { state: "pending", ...fresh } });
  if (blocked) await db.syncItem.updateMany({ where: { runId, state: "pending" }, data: fresh });
  if (count || blocked) await db.syncRun.update({ where: { id: runId }, data: { status: "running", error: null, finishedAt: null } });
  await refreshRuns([runId]);
  const items = `${count} failed item${count === 1 ? "" : "s"}`;
  await recordAuditEvent({ actor, action: "sync_run.retry", target: { type: "sync_run", id: runId }, summary: blocked ? `Restarted the blocked run and retried ${items}` : `Retried ${items}` });
  return { retried: count, unblocked: blocked };
}
