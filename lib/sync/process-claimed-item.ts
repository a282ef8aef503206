// One claimed item through to its next state. The order matters for "never twice":
// an item whose earlier outcome is unknown is looked for at the destination (find())
// before anything is sent again; the payload and its digest are stored before the call.
import "server-only";
import { getDb, Prisma } from "@/lib/db/client";
import { DestinationError } from "@/lib/destinations/destination-error";
import { loadDealsForPush } from "@/lib/destinations/load-deals-for-push";
import type { PerDealDestination, PushResult } from "@/lib/destinations/types";
import { AppError } from "@/lib/errors";
import { backoffDelay } from "@/lib/net/backoff";
import type { ClaimedItem } from "./claim-items";
import { requestDigest } from "./request-digest";
import type { WorkerContext } from "./worker-context";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type PerDeal = PerDealDestination<any, any, any, any>;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function processClaimedItem(item: ClaimedItem, ctx: WorkerContext): Promise<void> {
  const { settings } = ctx;
  const db = getDb();
  // Every write is conditional on still owning the item: a worker that lost its lease changes nothing.
  const mine = { id: item.id, claimedBy: settings.workerId, state: "sending" };
  const update = (data: Prisma.SyncItemUpdateManyMutationInput) => db.syncItem.updateMany({ where: mine, data });
  const fail = (error: string) => update({ state: "failed", error, leaseUntil: null, nextAttemptAt: null });
  const retryLater = (error: string, outcomeUnknown: boolean, delayMs = backoffDelay(item.attempt, { baseMs: settings.backoffBaseMs, capMs: settings.backoffCapMs })) =>
    outcomeUnknown
      ? // Still "sending": when the lease passes, the next claim reconciles before sending.
        update({ error: `Will check and retry: ${error}`, leaseUntil: new Date(Date.now() + delayMs) })
      : update({ state: "pending", error: `Will retry: ${error}`, nextAttemptAt: new Date(Date.now() + delayMs), leaseUntil: null });

  let opened;
  try {
    opened = await ctx.connection(item.destinationId);
  } catch (err) {
    if (err instanceof AppError && err.code !== "internal") return void (await fail(err.message));
    return void (await retryLater(message(err), item.previousState === "sending"));
  }
  const adapter = opened.adapter as PerDeal;
  const { conn } = opened;
  const [deal] = await loadDealsForPush([item.dealId], item.destinationId);
  if (!deal) return void (await fail("The deal no longer exists"));

  const markSent = async (result: Omit<PushResult, "action"> & { action: string }, payload?: unknown) => {
    const digest = payload === undefined ? undefined : requestDigest(payload);
    await db.$transaction(async (tx) => {
      const done = await tx.syncItem.updateMany({
        where: mine,
        data: { state: "sent", externalId: result.externalId, action: result.action, response: (result.response ?? Prisma.JsonNull) as Prisma.InputJsonValue, error: null, leaseUntil: null, nextAttemptAt: null },
      });
      if (done.count === 0) return;
      // The link makes the next push of this deal an update, never a second record.
      await tx.link.upsert({
        where: { dealId_destinationId: { dealId: deal.id, destinationId: item.destinationId } },
        create: { dealId: deal.id, destinationId: item.destinationId, externalId: result.externalId, contentHash: digest ?? null },
        update: { externalId: result.externalId, pushedAt: new Date(), ...(digest ? { contentHash: digest } : {}) },
      });
    });
  };

  const outOfAttempts = item.attempt > settings.maxAttempts;

  if (item.previousState === "sending") {
    let found;
    try {
      found = await adapter.find(deal, conn);
    } catch (err) {
      if (outOfAttempts) return void (await update({ state: "uncertain", error: `Could not check whether it was sent: ${message(err)}`, leaseUntil: null }));
      return void (await retryLater(`could not check whether it was sent (${message(err)})`, true));
    }
    if (found.found === "one") return void (await markSent({ externalId: found.externalId, action: "reconciled" }));
    if (found.found === "many") {
      return void (await update({
        state: "uncertain",
        error: `Found ${found.externalIds.length} records for this deal at the destination (${found.externalIds.join(", ")}); keep one, then resolve`,
        leaseUntil: null,
      }));
    }
  }
  if (outOfAttempts) return void (await fail(`Gave up after ${settings.maxAttempts} attempts: ${item.error ?? "no answer"}`));

  const [lookups, baseCurrency] = await Promise.all([adapter.lookup([deal], conn).catch((err: unknown) => err), ctx.baseCurrency()]);
  if (lookups instanceof Error) {
    const rejected = lookups instanceof DestinationError && lookups.kind === "rejected";
    return void (await (rejected ? fail(lookups.message) : retryLater(lookups.message, false)));
  }
  const plan = adapter.plan({ deal, config: conn.config, lookups, baseCurrency, runOptions: item.options ?? {} });
  if (!plan.ok) return void (await fail(plan.problems.join("; ")));

  const stored = await update({ payload: plan.payload as Prisma.InputJsonValue, requestDigest: requestDigest(plan.payload) });
  if (stored.count === 0) return;
  let result: PushResult;
  try {
    result = await adapter.push(plan.payload, conn);
  } catch (err) {
    if (err instanceof DestinationError) {
      if (err.kind === "rejected") return void (await fail(err.message));
      if (err.kind === "rate_limited") {
        // Refused before doing anything: not an attempt that counts, and nothing to reconcile.
        const delay = err.retryAfterMs ?? backoffDelay(item.attempt, { baseMs: settings.backoffBaseMs, capMs: settings.backoffCapMs });
        return void (await update({ state: "pending", attempt: item.attempt - 1, error: `Will retry: ${err.message}`, nextAttemptAt: new Date(Date.now() + delay), leaseUntil: null }));
      }
    }
    return void (await retryLater(message(err), true));
  }
  await markSent(result, plan.payload);
}
