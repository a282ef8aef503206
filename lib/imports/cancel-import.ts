import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { connectPg } from "@/lib/db/connect-pg";
import { AppError } from "@/lib/errors";
import { tryLockSource, unlockSource } from "./import-lock";
import { abortActiveRun } from "./start-import";

/**
 * Asks a running import to stop. The process running it notices within a second (at once
 * when it is this one) and rolls back. When no process holds the source's lock any more,
 * the run was orphaned by a crash and is closed here.
 */
export async function cancelImport(runId: string, actor: Actor | null): Promise<{ status: string }> {
  const db = getDb();
  const run = await db.importRun.findUnique({ where: { id: runId }, include: { source: { select: { name: true } } } });
  if (!run) throw new AppError("not_found", `No import run with id ${runId}`);
  if (run.status !== "running" && run.status !== "queued") throw new AppError("conflict", `Run ${runId} has already finished (${run.status})`);
  await db.importRun.update({ where: { id: runId }, data: { cancelRequested: true } });
  await recordAuditEvent({ actor, action: "import.cancel", target: { type: "import_run", id: runId }, summary: `Asked to cancel the import of "${run.source.name}"` });
  if (abortActiveRun(runId)) return { status: "cancelling" };

  const client = await connectPg("dealport-cancel");
  try {
    if (!(await tryLockSource(client, run.sourceId))) return { status: "cancelling" };
    await unlockSource(client, run.sourceId);
    await db.importRun.updateMany({
      where: { id: runId, status: { in: ["running", "queued"] } },
      data: { status: "cancelled", error: "Cancelled; the process running it had stopped, nothing was changed", finishedAt: new Date() },
    });
    return { status: "cancelled" };
  } finally {
    await client.end().catch(() => {});
  }
}
