// Snapshot destinations (Jointflows) are written whole: everything pushed before plus
// the run's deals, in one atomic write. One transaction holds the destination's row
// lock for the whole write, so two workers never write the same drop at once (the
// second would drop the first's deals); a crash rolls the items back to pending, and
// writing the same union again is harmless.
import "server-only";
import { redactSecrets } from "@/lib/credentials/redact-secrets";
import { getDb, Prisma } from "@/lib/db/client";
import type { SnapshotDestination } from "@/lib/destinations/types";
import { classifyFailure } from "@/lib/classify-failure";
import { backoffDelay } from "@/lib/net/backoff";
import { blockSyncRun } from "./block-sync-run";
import { planDeals, pushedMoney } from "./plan-deals";
import { refreshRuns } from "./refresh-runs";
import { requestDigest } from "./request-digest";
import type { WorkerContext } from "./worker-context";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Snapshot = SnapshotDestination<any, any, any, any>;

const TX_TIMEOUT_MS = 10 * 60_000;

/** Processes due snapshot runs; returns how many items it settled. */
export async function processSnapshotRuns(ctx: WorkerContext, kinds: string[], runId?: string): Promise<number> {
  if (!kinds.length) return 0;
  const db = getDb();
  const runs = await db.$queryRaw<{ id: string; destinationId: string; options: Record<string, string> }[]>`
    SELECT r.id, r."destinationId", r.options FROM "SyncRun" r JOIN "Destination" d ON d.id = r."destinationId"
    WHERE r.status IN ('queued', 'running') AND r."dryRun" = false AND d.kind = ANY(${kinds}::text[])
      AND (${runId ?? null}::text IS NULL OR r.id = ${runId ?? null}::text)
      AND EXISTS (SELECT 1 FROM "SyncItem" i WHERE i."runId" = r.id AND i.state = 'pending'
                  AND (i."nextAttemptAt" IS NULL OR i."nextAttemptAt" <= (now() AT TIME ZONE 'UTC')))
    ORDER BY r."createdAt" LIMIT 5`;
  let settled = 0;
  for (const run of runs) {
    settled += await db.$transaction((tx) => writeRun(tx, ctx, run), { timeout: TX_TIMEOUT_MS, maxWait: 10_000 });
    await refreshRuns([run.id]);
  }
  return settled;
}

async function writeRun(tx: Prisma.TransactionClient, ctx: WorkerContext, run: { id: string; destinationId: string; options: Record<string, string> }) {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Destination" WHERE id = ${run.destinationId} FOR UPDATE SKIP LOCKED`;
  if (!locked.length) return 0; // another worker is writing this drop; its run or ours comes next
  const items = await tx.$queryRaw<{ id: bigint; dealId: string; attempt: number }[]>`
    SELECT id, "dealId", attempt FROM "SyncItem"
    WHERE "runId" = ${run.id} AND state = 'pending' AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= (now() AT TIME ZONE 'UTC'))
    FOR UPDATE`;
  if (!items.length) return 0;
  await tx.syncRun.updateMany({ where: { id: run.id, status: "queued" }, data: { status: "running", startedAt: new Date() } });

  /** A transient failure spends one attempt of every item; the last one fails them. */
  const retryOrGiveUp = async (ids: bigint[], reason: string) => {
    const attempt = items[0].attempt + 1;
    const gaveUp = attempt >= ctx.settings.maxAttempts;
    await tx.syncItem.updateMany({
      where: { id: { in: ids } },
      data: gaveUp
        ? { state: "failed", attempt, error: `Gave up after ${attempt} attempts: ${reason}` }
        : { attempt, error: `Will retry: ${reason}`, nextAttemptAt: new Date(Date.now() + backoffDelay(attempt, { baseMs: ctx.settings.backoffBaseMs, capMs: ctx.settings.backoffCapMs })) },
    });
    return gaveUp ? ids.length : 0;
  };

  let opened;
  try {
    opened = await ctx.connection(run.destinationId);
  } catch (err) {
    const failure = classifyFailure(err);
    // One drop for the whole run: any permanent cause concerns every item.
    if (failure.retry === "permanent") {
      await blockSyncRun(run.id, failure.reason, tx);
      return items.length;
    }
    return retryOrGiveUp(items.map((i) => i.id), failure.reason);
  }
  const adapter = opened.adapter as Snapshot;
  const planned = await planDeals(opened, items.map((i) => i.dealId), run.options ?? {});
  const itemOf = new Map(items.map((i) => [i.dealId, i]));
  const ready = planned.filter((p) => p.result.ok);
  for (const p of planned) {
    if (!p.result.ok) await tx.syncItem.update({ where: { id: itemOf.get(p.deal.id)!.id }, data: { state: "failed", attempt: { increment: 1 }, error: p.result.problems.join("; ") } });
  }
  const missing = items.filter((i) => !planned.some((p) => p.deal.id === i.dealId));
  if (missing.length) await tx.syncItem.updateMany({ where: { id: { in: missing.map((m) => m.id) } }, data: { state: "failed", error: "The deal no longer exists" } });
  if (!ready.length) return items.length;

  // Everything pushed before: the latest sent payload of each deal, except the ones this run replaces.
  const replacing = ready.map((p) => p.deal.id);
  const previous = await tx.$queryRaw<{ payload: unknown }[]>`
    SELECT DISTINCT ON (i."dealId") i.payload FROM "SyncItem" i JOIN "SyncRun" r ON r.id = i."runId"
    WHERE r."destinationId" = ${run.destinationId} AND r."dryRun" = false AND i.state = 'sent' AND i.payload IS NOT NULL
      AND NOT (i."dealId" = ANY(${replacing}::text[]))
    ORDER BY i."dealId", i."updatedAt" DESC`;
  const payloads = ready.map((p) => (p.result as { payload: unknown }).payload);

  let written: { location: string; counts: Record<string, number> };
  try {
    written = await adapter.pushSnapshot([...previous.map((p) => p.payload), ...payloads], opened.conn);
  } catch (err) {
    const failure = classifyFailure(err);
    // The adapter words its errors itself; redacting every form of the secret is the last line of defence.
    const reason = redactSecrets(failure.reason, opened.secrets);
    const readyIds = ready.map((p) => itemOf.get(p.deal.id)!.id);
    if (failure.retry === "permanent" && failure.scope === "run") {
      await blockSyncRun(run.id, reason, tx);
      return items.length;
    }
    if (failure.retry === "permanent") {
      await tx.syncItem.updateMany({ where: { id: { in: readyIds } }, data: { state: "failed", attempt: items[0].attempt + 1, error: reason } });
      return items.length;
    }
    return items.length - ready.length + (await retryOrGiveUp(readyIds, reason));
  }

  for (const p of ready) {
    const payload = (p.result as { payload: unknown }).payload;
    const externalId = adapter.snapshotKey(payload);
    const digest = requestDigest(payload);
    await tx.syncItem.update({
      where: { id: itemOf.get(p.deal.id)!.id },
      data: {
        state: "sent",
        attempt: { increment: 1 },
        action: p.deal.linkedExternalId ? "updated" : "created",
        externalId,
        payload: payload as Prisma.InputJsonValue,
        requestDigest: digest,
        response: written as Prisma.InputJsonValue,
        ...pushedMoney(p.deal, p.baseCurrency),
        error: null,
        nextAttemptAt: null,
      },
    });
    await tx.link.upsert({
      where: { dealId_destinationId: { dealId: p.deal.id, destinationId: run.destinationId } },
      create: { dealId: p.deal.id, destinationId: run.destinationId, externalId, contentHash: digest },
      update: { externalId, contentHash: digest, pushedAt: new Date() },
    });
  }
  return items.length;
}
