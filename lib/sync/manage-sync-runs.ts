// What people do with runs after starting them: list, inspect, pause, resume, cancel,
// retry failed items, and settle an uncertain item by hand.
import "server-only";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { refreshRuns } from "./refresh-runs";
import { SYNC_ITEM_STATES } from "./schemas";

export const listSyncRunsSchema = z.object({
  destinationId: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export async function listSyncRuns(input: z.input<typeof listSyncRunsSchema> = {}) {
  const { destinationId, limit } = listSyncRunsSchema.parse(input);
  const runs = await getDb().syncRun.findMany({
    where: destinationId ? { destinationId } : {},
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true, status: true, error: true, dryRun: true, counts: true, options: true, createdAt: true, startedAt: true, finishedAt: true, startedById: true,
      destination: { select: { id: true, name: true, kind: true } },
    },
  });
  const users = await getDb().user.findMany({ where: { id: { in: runs.flatMap((r) => (r.startedById ? [r.startedById] : [])) } }, select: { id: true, email: true } });
  const email = new Map(users.map((u) => [u.id, u.email]));
  return runs.map((r) => ({ ...r, startedBy: r.startedById ? (email.get(r.startedById) ?? null) : null }));
}

export const syncRunItemsQuerySchema = z.object({
  state: z.enum(SYNC_ITEM_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export async function getSyncRun(runId: string, query: z.input<typeof syncRunItemsQuerySchema> = {}) {
  const { state, limit } = syncRunItemsQuerySchema.parse(query);
  const db = getDb();
  const run = await db.syncRun.findUnique({ where: { id: runId }, include: { destination: { select: { id: true, name: true, kind: true } } } });
  if (!run) throw new AppError("not_found", `No sync run ${runId}`);
  const items = await db.syncItem.findMany({
    where: { runId, ...(state ? { state } : {}) },
    orderBy: { id: "asc" },
    take: limit,
    select: {
      id: true, state: true, attempt: true, externalId: true, action: true, error: true, requestDigest: true, payload: true, response: true, updatedAt: true,
      deal: { select: { id: true, name: true, externalId: true } },
    },
  });
  const startedBy = run.startedById ? await db.user.findUnique({ where: { id: run.startedById }, select: { email: true } }) : null;
  const { selection, ...rest } = run;
  const dealIds = (selection as { dealIds?: string[] }).dealIds ?? [];
  return { ...rest, selection: { ...(selection as object), dealIds: undefined, deals: dealIds.length }, startedBy: startedBy?.email ?? null, items };
}

async function audit(actor: Actor | null, action: string, runId: string, summary: string) {
  await recordAuditEvent({ actor, action, target: { type: "sync_run", id: runId }, summary });
}

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
  await audit(actor, "sync_run.retry", runId, blocked ? `Restarted the blocked run and retried ${items}` : `Retried ${items}`);
  return { retried: count, unblocked: blocked };
}

export const resolveUncertainSchema = z.object({
  itemId: z.coerce.bigint(),
  /** sent: it is at the destination (give its id); failed: it is not. */
  outcome: z.enum(["sent", "failed"]),
  externalId: z.string().trim().max(200).optional(),
});

/** A person decides what an uncertain item is; "sent" with an id also links the deal, so the next push updates that record. */
export async function resolveUncertainItem(input: z.input<typeof resolveUncertainSchema>, actor: Actor | null) {
  const data = resolveUncertainSchema.parse(input);
  const db = getDb();
  const item = await db.syncItem.findUnique({ where: { id: data.itemId }, include: { run: { select: { id: true, destinationId: true } } } });
  if (!item || item.state !== "uncertain") throw new AppError("not_found", "No uncertain item with that id");
  if (data.outcome === "sent" && !data.externalId) throw new AppError("validation_failed", "Some fields are invalid", { externalId: "the record's id at the destination is required" });
  await db.$transaction(async (tx) => {
    await tx.syncItem.update({
      where: { id: item.id },
      data: data.outcome === "sent" ? { state: "sent", action: "resolved", externalId: data.externalId, error: null } : { state: "failed", error: `Marked not sent by ${actor?.email ?? "an operator"}` },
    });
    if (data.outcome === "sent") {
      await tx.link.upsert({
        where: { dealId_destinationId: { dealId: item.dealId, destinationId: item.run.destinationId } },
        create: { dealId: item.dealId, destinationId: item.run.destinationId, externalId: data.externalId! },
        update: { externalId: data.externalId!, pushedAt: new Date() },
      });
    }
  });
  await refreshRuns([item.runId]);
  await audit(actor, "sync_run.resolve_item", item.runId, `Resolved uncertain item ${item.id} as ${data.outcome}${data.externalId ? ` (${data.externalId})` : ""}`);
  return { state: data.outcome };
}

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
  await audit(actor, `sync_run.${action}`, runId, `${{ pause: "Paused", resume: "Resumed", cancel: "Cancelled" }[action]} the run`);
  return db.syncRun.findUniqueOrThrow({ where: { id: runId }, select: { id: true, status: true } });
}
