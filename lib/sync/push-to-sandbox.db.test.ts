// Push runs against the sandbox fakes: the reliability promises of docs/contracts/push-rules.md,
// each proven with the fault the fake can inject.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openConnection } from "@/lib/destinations/open-connection";
import { loadDealsForPush } from "@/lib/destinations/load-deals-for-push";
import type { PerDealDestination } from "@/lib/destinations/types";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { createChartMogulDestination, createPipelinerDestination, SANDBOX_CRM_USERS, seedDeals } from "@/lib/test/push-fixtures";
import { startChartMogulServer, type ChartMogulServer } from "@/sandbox/chartmogul";
import { startPipelinerServer, type PipelinerServer } from "@/sandbox/pipeliner";
import { claimItems } from "./claim-items";
import { createSyncRun } from "./create-sync-run";
import { getSyncRun } from "./get-sync-run";
import { retryFailedItems } from "./retry-failed-items";
import { runSyncWorker } from "./run-sync-worker";

const db = connectTestDatabase();
const FAST = { leaseMs: 300, backoffBaseMs: 50, backoffCapMs: 200, pollMs: 50, concurrency: 8 };
let cm: ChartMogulServer;
let pl: PipelinerServer;

beforeAll(async () => {
  [cm, pl] = await Promise.all([startChartMogulServer({ rateLimit: null }), startPipelinerServer()]);
});
afterAll(async () => {
  await Promise.all([cm.stop(), pl.stop()]);
  await disconnectDb();
});
beforeEach(async () => {
  await truncateAll();
  for (const o of cm.store.opportunities()) cm.store.deleteOpportunity(o.uuid);
  for (const o of pl.store.all("Opportunities")) pl.store.softDelete("Opportunities", o.id);
  cm.requests.length = 0;
  cm.setRateLimit(null);
  cm.setLatency(0);
});
afterEach(() => cm.setRandomFaults(null));

const posts = () => cm.requests.filter((r) => r.method === "POST" && r.path === "/v1/opportunities" && r.status !== 503);
const opportunitiesByDeal = () => {
  const byDeal = new Map<string, number>();
  for (const o of cm.store.opportunities()) {
    const id = String(o.custom.dealport_deal_id);
    byDeal.set(id, (byDeal.get(id) ?? 0) + 1);
  }
  return byDeal;
};

async function push(destinationId: string, ids: string[], dryRun = false) {
  return createSyncRun({ destinationId, selection: { mode: "ids", ids }, dryRun }, null);
}

describe("ChartMogul push", () => {
  it("sends each deal once with our id in custom, and a re-push updates instead of duplicating", async () => {
    const destination = await createChartMogulDestination(cm);
    const ids = await seedDeals({ count: 5 });
    const run = await push(destination.id, ids);
    await runSyncWorker({ ...FAST, stopWhenIdle: true });

    const done = await getSyncRun(run.id);
    expect(done.status).toBe("succeeded");
    expect(done.items.map((i) => i.state)).toEqual(Array(5).fill("sent"));
    expect(done.counts).toMatchObject({ total: 5, sent: 5, created: 5 });
    const opportunity = cm.store.opportunities()[0];
    expect(opportunity).toMatchObject({ pipeline: "New Business", pipeline_stage: "Discovery", amount_in_cents: 1_234_500, currency: "USD", forecast_category: "pipeline", win_likelihood: 10 });
    expect([...opportunitiesByDeal().keys()].sort()).toEqual([...ids].sort());
    expect(await db.link.count({ where: { destinationId: destination.id } })).toBe(5);

    const again = await push(destination.id, ids);
    await runSyncWorker({ ...FAST, stopWhenIdle: true });
    expect((await getSyncRun(again.id)).counts).toMatchObject({ sent: 5, updated: 5 });
    expect(cm.store.opportunities()).toHaveLength(5);
  });

  it("a deal linked across sources is sent once, merged, and updates the record pushed earlier through its other source", async () => {
    const destination = await createChartMogulDestination(cm);
    const [pushedEarlier] = await seedDeals({ count: 1, stage: "Proposal" });
    await push(destination.id, [pushedEarlier]);
    await runSyncWorker({ ...FAST, stopWhenIdle: true });
    expect(cm.store.opportunities()).toHaveLength(1);

    // The same deal arrives from another source, newer, with another stage and no account; the group is linked to it.
    const other = await db.source.create({ data: { name: "Dreamdata", kind: "s3_flatfile", format: "dreamdata", config: {} } });
    const earlier = await db.deal.findUniqueOrThrow({ where: { id: pushedEarlier } });
    const newer = await db.deal.create({
      data: { sourceId: other.id, externalId: "4053534803", name: earlier.name, stage: "Closed Won", pipeline: earlier.pipeline, amountMinor: earlier.amountMinor, currency: earlier.currency, amountBaseMinor: earlier.amountBaseMinor, contentHash: "x" },
    });
    await db.deal.update({ where: { id: earlier.id }, data: { linkedToDealId: newer.id, updatedAt: new Date(Date.now() - 60_000) } });

    const run = await createSyncRun({ destinationId: destination.id, selection: { mode: "filter", filter: { stage: ["Proposal", "Closed Won"] }, excludeIds: [] } }, null);
    await runSyncWorker({ ...FAST, stopWhenIdle: true });
    const done = await getSyncRun(run.id);
    expect(done.items.map((i) => [i.deal.id, i.state, i.action])).toEqual([[newer.id, "sent", "updated"]]);
    expect(cm.store.opportunities()).toHaveLength(1);
    // Stage from the newer source, customer from the older one's account (the newer deal has none).
    expect(cm.store.opportunities()[0]).toMatchObject({ pipeline_stage: "Closed Won", customer_uuid: expect.any(String) });
    expect(await db.link.findUnique({ where: { dealId_destinationId: { dealId: newer.id, destinationId: destination.id } } })).toMatchObject({ externalId: cm.store.opportunities()[0].uuid });
  });

  it("a dry run records the payloads and calls no write endpoint", async () => {
    const destination = await createChartMogulDestination(cm);
    const ids = await seedDeals({ count: 3 });
    const run = await push(destination.id, ids, true);
    await runSyncWorker({ ...FAST, stopWhenIdle: true });
    const done = await getSyncRun(run.id);
    expect(done.dryRun).toBe(true);
    expect(done.items.every((i) => i.state === "skipped" && i.action === "would_create" && i.payload)).toBe(true);
    expect(cm.requests.filter((r) => r.method !== "GET")).toHaveLength(0);
  });

  it("a 422 fails that item with ChartMogul's message, not the run", async () => {
    // Listed as a CRM user in our settings, but ChartMogul has no such user.
    const destination = await createChartMogulDestination(cm, { crmUsers: `${SANDBOX_CRM_USERS}, nobody@example.com` });
    const good = await seedDeals({ count: 2 });
    const bad = await seedDeals({ count: 1, owner: "nobody@example.com", prefix: "BAD" });
    const run = await push(destination.id, [...good, ...bad]);
    await runSyncWorker({ ...FAST, stopWhenIdle: true });
    const done = await getSyncRun(run.id);
    expect(done.status).toBe("partial");
    const failed = done.items.find((i) => i.state === "failed")!;
    expect(failed.deal.id).toBe(bad[0]);
    expect(failed.error).toMatch(/ChartMogul answered HTTP 422: .*owner/i);
    expect(done.items.filter((i) => i.state === "sent")).toHaveLength(2);
  });

  it("waits out a 429's Retry-After before sending again", async () => {
    const destination = await createChartMogulDestination(cm);
    const ids = await seedDeals({ count: 2 });
    await push(destination.id, ids);
    // Customer lookups and the first POST share the budget: the 429 lands on the first request.
    cm.failNext(1, 429, undefined, { "retry-after": "1" });
    await runSyncWorker({ ...FAST, stopWhenIdle: true });
    const refused = cm.requests.findIndex((r) => r.status === 429);
    expect(refused).toBe(0);
    // No write went out before the second was up, as the server's own log of arrivals shows
    // (a lookup already in flight when the 429 came back may land sooner).
    for (const post of posts()) expect(post.at - cm.requests[refused].at).toBeGreaterThanOrEqual(1000);
    expect(posts().filter((p) => p.status === 201)).toHaveLength(2);
    expect(cm.store.opportunities()).toHaveLength(2);
  });

  it("under a request rate limit every deal gets through exactly once", async () => {
    const destination = await createChartMogulDestination(cm, { requestsPerSecond: 20 });
    cm.setRateLimit({ requests: 10, windowMs: 1000, retryAfter: true });
    const ids = await seedDeals({ count: 12 });
    const run = await push(destination.id, ids);
    await runSyncWorker({ ...FAST, stopWhenIdle: true });
    expect((await getSyncRun(run.id)).counts).toMatchObject({ sent: 12, failed: 0 });
    expect([...opportunitiesByDeal().values()].every((n) => n === 1)).toBe(true);
    expect(cm.store.opportunities()).toHaveLength(12);
  });

  it("a response lost after the write is reconciled through find(), not sent twice", async () => {
    const destination = await createChartMogulDestination(cm);
    const ids = await seedDeals({ count: 3 });
    const run = await push(destination.id, ids);
    // Customer lookups first (memoised), then the write whose answer is lost.
    await planWarmup(destination.id, ids);
    cm.dropNext(1, { afterHandling: true });
    await runSyncWorker({ ...FAST, stopWhenIdle: true });
    const done = await getSyncRun(run.id);
    expect(done.counts).toMatchObject({ sent: 3, reconciled: 1 });
    expect(cm.store.opportunities()).toHaveLength(3);
    expect(posts()).toHaveLength(3);
  });

  it("a worker killed between marking sending and the answer: the next one resumes without duplicates", async () => {
    const destination = await createChartMogulDestination(cm);
    const ids = await seedDeals({ count: 6 });
    const run = await push(destination.id, ids);
    // The "dead" worker claims three items (now sending), gets one write applied, then dies.
    const claimed = await claimItems({ workerId: "dead-worker", limit: 3, leaseMs: 200, kinds: ["chartmogul"] });
    expect(claimed).toHaveLength(3);
    const opened = await openConnection(destination);
    const adapter = opened.adapter as PerDealDestination<unknown, unknown, unknown, unknown>;
    const [deal] = await loadDealsForPush([claimed[0].dealId], destination.id);
    const plan = adapter.plan({ deal, config: opened.conn.config, lookups: await adapter.lookup([deal], opened.conn), baseCurrency: "USD", runOptions: {} });
    if (!plan.ok) throw new Error(plan.problems.join());
    await adapter.push(plan.payload, opened.conn);

    // The dead worker's lease runs out: moved into the past rather than waited for.
    await db.syncItem.updateMany({ where: { claimedBy: "dead-worker" }, data: { leaseUntil: new Date(0) } });
    await runSyncWorker({ ...FAST, stopWhenIdle: true });
    const done = await getSyncRun(run.id);
    expect(done.counts).toMatchObject({ sent: 6, reconciled: 1 });
    expect(cm.store.opportunities()).toHaveLength(6);
    expect([...opportunitiesByDeal().values()].every((n) => n === 1)).toBe(true);
  });

  it("two workers sharing the queue never send a deal twice", async () => {
    const destination = await createChartMogulDestination(cm);
    const ids = await seedDeals({ count: 40 });
    const run = await push(destination.id, ids);
    cm.setLatency(15);
    await Promise.all([
      runSyncWorker({ ...FAST, workerId: "worker-a", stopWhenIdle: true }),
      runSyncWorker({ ...FAST, workerId: "worker-b", stopWhenIdle: true }),
    ]);
    const done = await getSyncRun(run.id, { limit: 100 });
    expect(done.counts).toMatchObject({ sent: 40 });
    expect(posts()).toHaveLength(40);
    expect(cm.store.opportunities()).toHaveLength(40);
    const workers = await db.syncItem.groupBy({ by: ["claimedBy"], where: { runId: run.id }, _count: { _all: true } });
    expect(workers.map((w) => w.claimedBy).sort()).toEqual(["worker-a", "worker-b"]);
  });

  it("with random 5xx and dropped-after-write faults nothing is lost or duplicated", async () => {
    const destination = await createChartMogulDestination(cm);
    const ids = await seedDeals({ count: 30 });
    const run = await push(destination.id, ids);
    await planWarmup(destination.id, ids);
    cm.setRandomFaults({ serverErrorRate: 0.1, dropAfterHandlingRate: 0.1, seed: 7 });
    await runSyncWorker({ ...FAST, maxAttempts: 20, stopWhenIdle: true });
    const done = await getSyncRun(run.id, { limit: 100 });
    expect(done.counts).toMatchObject({ sent: 30, failed: 0, uncertain: 0 });
    expect(cm.store.opportunities()).toHaveLength(30);
    expect([...opportunitiesByDeal().values()].every((n) => n === 1)).toBe(true);
  });

  it("retry puts failed items back in the queue", async () => {
    const destination = await createChartMogulDestination(cm);
    const ids = await seedDeals({ count: 1 });
    const run = await push(destination.id, ids);
    await planWarmup(destination.id, ids);
    cm.failNext(1, 400);
    await runSyncWorker({ ...FAST, stopWhenIdle: true });
    expect((await getSyncRun(run.id)).status).toBe("failed");
    expect((await retryFailedItems(run.id, null)).retried).toBe(1);
    await runSyncWorker({ ...FAST, stopWhenIdle: true });
    expect((await getSyncRun(run.id)).status).toBe("succeeded");
    expect(cm.store.opportunities()).toHaveLength(1);
  });
});

describe("Pipeliner push", () => {
  it("creates opportunities with owner, step, account, one primary contact and value; re-push updates", async () => {
    const destination = await createPipelinerDestination(pl, { stages: "Discovery = Qualification" });
    const ids = await seedDeals({ count: 3 });
    const run = await push(destination.id, ids);
    await runSyncWorker({ ...FAST, stopWhenIdle: true });
    expect((await getSyncRun(run.id)).counts).toMatchObject({ sent: 3, created: 3 });
    const created = pl.store.all("Opportunities").filter((o) => !o.is_deleted);
    expect(created).toHaveLength(3);
    const acme = created.find((o) => String(o.name).startsWith("Initech") === false && (o.account_relations as unknown[]).length)!;
    const step = pl.store.get("Steps", String(acme.step_id))!;
    expect(step.name).toBe("Qualification");
    expect((acme.value as { base_value: number }).base_value).toBe(12345);
    const contacts = acme.contact_relations as { is_primary: boolean }[];
    expect(contacts.filter((c) => c.is_primary)).toHaveLength(1);

    const again = await push(destination.id, ids);
    await runSyncWorker({ ...FAST, stopWhenIdle: true });
    expect((await getSyncRun(again.id)).counts).toMatchObject({ sent: 3, updated: 3 });
    expect(pl.store.all("Opportunities").filter((o) => !o.is_deleted)).toHaveLength(3);
  });

  it("sends value_foreign alone for a deal in another currency of a multi-currency space; Pipeliner computes base_value at its rate", async () => {
    const destination = await createPipelinerDestination(pl);
    const ids = await seedDeals({ count: 1, prefix: "PLEUR", currency: "EUR", amountMinor: 100_000n });
    // Our own rate (1 EUR = 1.08 USD), which is not Pipeliner's (1 USD = 0.92 EUR).
    await db.deal.update({ where: { id: ids[0] }, data: { amountBaseMinor: 108_000n } });
    const run = await push(destination.id, ids);
    await runSyncWorker({ ...FAST, stopWhenIdle: true });
    expect((await getSyncRun(run.id)).counts).toMatchObject({ sent: 1, failed: 0 });
    const [opportunity] = pl.store.all("Opportunities").filter((o) => !o.is_deleted);
    const euro = pl.store.all("Currencies").find((c) => c.code === "EUR")!;
    expect(opportunity.value).toEqual({ base_value: 1086.96, currency_id: euro.id, value_foreign: 1000 });
  });

  it("a validation error fails the item with Pipeliner's message", async () => {
    const destination = await createPipelinerDestination(pl);
    const ids = await seedDeals({ count: 1, prefix: "PLV" });
    const run = await push(destination.id, ids);
    await planWarmup(destination.id, ids);
    pl.failNext(1, 422, { success: false, http_status: 422, code: 40000, name: "ERROR_ENTITY_VALIDATION", message: "\nError on field account_relations. Exactly one 'is_primary' item must be set." });
    await runSyncWorker({ ...FAST, stopWhenIdle: true });
    const [item] = (await getSyncRun(run.id)).items;
    expect(item.state).toBe("failed");
    expect(item.error).toMatch(/Exactly one 'is_primary' item must be set/);
  });
});

/** Runs the lookups once so that the next request the fake sees is the write itself. */
async function planWarmup(destinationId: string, ids: string[]) {
  const destination = await db.destination.findUniqueOrThrow({ where: { id: destinationId } });
  const opened = await openConnection(destination);
  await opened.adapter.lookup(await loadDealsForPush(ids, destinationId), opened.conn);
}
