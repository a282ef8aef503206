// One claimed item through to its next state. The order matters for "never twice":
// an item whose earlier outcome is unknown is looked for at the destination (find())
// before anything is sent again; the payload and its digest are stored before the call.
import "server-only";
import { getDb, Prisma } from "@/lib/db/client";
import { classifyFailure } from "@/lib/classify-failure";
import { loadDealsForPush } from "@/lib/destinations/load-deals-for-push";
import type { DealForPush, PerDealDestination, PushResult } from "@/lib/destinations/types";
import { backoffDelay } from "@/lib/net/backoff";
import { blockSyncRun } from "./block-sync-run";
import type { ClaimedItem } from "./claim-items";
import { pushedMoney } from "./plan-deals";
import { requestDigest } from "./request-digest";
import type { WorkerContext } from "./worker-context";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type PerDeal = PerDealDestination<any, any, any, any>;

/** `preloaded`: the deal as loaded for the whole claimed batch (null: it no longer exists); undefined loads it here. */
export async function processClaimedItem(item: ClaimedItem, ctx: WorkerContext, preloaded?: DealForPush | null): Promise<void> {
  const { settings } = ctx;
  const db = getDb();
  // Every write is conditional on still owning the item: a worker that lost its lease changes nothing.
  const mine = { id: item.id, claimedBy: settings.workerId, state: "sending" };
  const update = (data: Prisma.SyncItemUpdateManyMutationInput) => db.syncItem.updateMany({ where: mine, data });
  const fail = (error: string) => update({ state: "failed", error, leaseUntil: null, nextAttemptAt: null });
  const uncertain = (error: string) => update({ state: "uncertain", error, leaseUntil: null });
  const retryLater = (error: string, outcomeUnknown: boolean, delayMs = backoffDelay(item.attempt, { baseMs: settings.backoffBaseMs, capMs: settings.backoffCapMs })) =>
    outcomeUnknown
      ? // Still "sending": when the lease passes, the next claim reconciles before sending.
        update({ error: `Will check and retry: ${error}`, leaseUntil: new Date(Date.now() + delayMs) })
      : update({ state: "pending", error: `Will retry: ${error}`, nextAttemptAt: new Date(Date.now() + delayMs), leaseUntil: null });
  // `attempt` counts claims, so one over the budget is the claim that only reconciles.
  const outOfAttempts = item.attempt > settings.maxAttempts;
  const lastAttempt = item.attempt >= settings.maxAttempts;
  const gaveUp = (reason: string) => `Gave up after ${settings.maxAttempts} attempts: ${reason}`;

  /**
   * A cause that concerns every item stops the run (blockSyncRun); this item goes back as
   * it was, its attempt not spent. A "sending" item stays sending: its outcome is still
   * unknown, so the run's retry reconciles it first.
   */
  const blockRun = async (reason: string, outcomeUnknown: boolean) => {
    await blockSyncRun(item.runId, reason);
    await update(
      outcomeUnknown
        ? { attempt: item.attempt - 1, leaseUntil: new Date() }
        : { state: "pending", attempt: item.attempt - 1, error: null, leaseUntil: null, nextAttemptAt: null },
    );
  };

  let opened;
  try {
    opened = await ctx.connection(item.destinationId);
  } catch (err) {
    const failure = classifyFailure(err);
    const unknown = item.previousState === "sending";
    if (failure.retry === "permanent") return void (await (failure.scope === "run" ? blockRun(failure.reason, unknown) : fail(failure.reason)));
    if (unknown && outOfAttempts) return void (await uncertain(`Could not check whether it was sent: ${failure.reason}`));
    if (!unknown && lastAttempt) return void (await fail(gaveUp(failure.reason)));
    return void (await retryLater(failure.reason, unknown));
  }
  const adapter = opened.adapter as PerDeal;
  const { conn } = opened;
  const deal = preloaded === undefined ? (await loadDealsForPush([item.dealId], item.destinationId))[0] : preloaded;
  if (!deal) return void (await fail("The deal no longer exists"));

  /** `digest`: the sent payload's (null when reconciled: the payload is not known here). */
  const markSent = (result: Omit<PushResult, "action"> & { action: string }, digest: string | null) =>
    ctx.sent.write({
      itemId: item.id,
      dealId: deal.id,
      destinationId: item.destinationId,
      externalId: result.externalId,
      action: result.action,
      response: result.response,
      digest,
    });

  if (item.previousState === "sending") {
    let found;
    try {
      found = await adapter.find(deal, conn);
    } catch (err) {
      const failure = classifyFailure(err);
      if (failure.retry === "permanent" && failure.scope === "run") return void (await blockRun(failure.reason, true));
      // Whether the earlier write happened can't be known: a person decides.
      if (failure.retry === "permanent" || outOfAttempts) return void (await uncertain(`Could not check whether it was sent: ${failure.reason}`));
      return void (await retryLater(`could not check whether it was sent (${failure.reason})`, true));
    }
    if (found.found === "one") return void (await markSent({ externalId: found.externalId, action: "reconciled" }, null));
    if (found.found === "many") {
      return void (await update({
        state: "uncertain",
        error: `Found ${found.externalIds.length} records for this deal at the destination (${found.externalIds.join(", ")}); keep one, then resolve`,
        leaseUntil: null,
      }));
    }
  }
  if (outOfAttempts) return void (await fail(gaveUp(item.error ?? "no answer")));

  const looked = await Promise.all([adapter.lookup([deal], conn), ctx.baseCurrency()]).then(
    ([lookups, baseCurrency]) => ({ ok: true as const, lookups, baseCurrency }),
    (err: unknown) => ({ ok: false as const, err }),
  );
  if (!looked.ok) {
    const failure = classifyFailure(looked.err);
    if (failure.retry === "permanent") return void (await (failure.scope === "run" ? blockRun(failure.reason, false) : fail(failure.reason)));
    return void (await (lastAttempt ? fail(gaveUp(failure.reason)) : retryLater(failure.reason, false)));
  }
  const plan = adapter.plan({ deal, config: conn.config, lookups: looked.lookups, baseCurrency: looked.baseCurrency, runOptions: item.options ?? {} });
  if (!plan.ok) return void (await fail(plan.problems.join("; ")));

  const digest = requestDigest(plan.payload);
  const stored = await ctx.payloads.write({ itemId: item.id, payload: plan.payload, digest, ...pushedMoney(deal, looked.baseCurrency) });
  if (!stored) return;
  let result: PushResult;
  try {
    result = await adapter.push(plan.payload, conn);
  } catch (err) {
    const failure = classifyFailure(err);
    if (failure.rateLimited) {
      // Refused before doing anything: not an attempt that counts, and nothing to reconcile; but not forever either.
      if (item.throttled + 1 > settings.maxThrottled) return void (await fail(`Gave up after ${settings.maxThrottled} rate-limited tries: ${failure.reason}`));
      const delay = failure.retryAfterMs ?? backoffDelay(item.throttled + 1, { baseMs: settings.backoffBaseMs, capMs: settings.backoffCapMs });
      return void (await update({ state: "pending", attempt: item.attempt - 1, throttled: item.throttled + 1, error: `Will retry: ${failure.reason}`, nextAttemptAt: new Date(Date.now() + delay), leaseUntil: null }));
    }
    if (failure.retry === "permanent") return void (await (failure.scope === "run" ? blockRun(failure.reason, false) : fail(failure.reason)));
    // Whatever else went wrong, the write may have happened: the next claim looks for it first.
    return void (await retryLater(failure.reason, true));
  }
  await markSent(result, digest);
}
