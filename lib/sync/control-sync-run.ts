import "server-only";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { refreshRuns } from "./refresh-runs";

export const runControlSchema = z.enum(["pause", "resume", "cancel"]);

/** Pause keeps items queued; cancel skips what has not been sent (items already sending finish). */
export async function controlSyncRun(runId: string, command: z.input<typeof runControlSchema>, actor: Actor | null) {
  const action = runControlSchema.parse(command);
  const db = getDb();
  const run = await db.syncRun.findUnique({ where: { id: runId }, select: { status: true } });
  if (!run) throw new AppError("not_found", `No sync run ${runId}`);
  const active = ["queued", "running"].includes(run.status);
  if (action === "pause" && active) await db.syncRun.update({ where: { id: runId }, data: { status: "paused" } });
  else if (action === "resume" && run.status === "paused") await db.syncRun.update({ where: { id: runId }, data: { status: "running" } });
  else if (action === "cancel" && (active || run.status === "paused" || run.status === "blocked")) {
    await db.syncItem.updateMany({ where: { runId, state: "pending" }, data: { state: "skipped", error: "Cancelled before sending" } });
    await db.syncRun.update({ where: { id: runId }, data: { status: "cancelled", finishedAt: new Date() } });
  } else throw new AppError("conflict", `Can't ${action} a ${run.status} run`);
  await refreshRuns([runId]);
  await recordAuditEvent({ actor, action: `sync_run.${action}`, target: { type: "sync_run", id: runId }, summary: `${{ pause: "Paused", resume: "Resumed", cancel: "Cancelled" }[action]} the run` });
  return db.syncRun.findUniqueOrThrow({ where: { id: runId }, select: { id: true, status: true } });
}
