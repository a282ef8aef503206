// Runs that cannot make progress end at once and say why (issue 16): each permanent
// cause blocks the run with one reason, and every retry path spends attempts and ends.
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { DestinationError } from "@/lib/destinations/destination-error";
import { readEnv } from "@/lib/env";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { createChartMogulDestination, createJointflowsDestination, ensureTestSecretKey, seedDeals } from "@/lib/test/push-fixtures";
import { startChartMogulServer, type ChartMogulServer } from "@/sandbox/chartmogul";
import { startS3Server, type S3Server } from "@/sandbox/s3";
import { claimItems } from "./claim-items";
import { createSyncRun } from "./create-sync-run";
import { getSyncRun } from "./get-sync-run";
import { retryFailedItems } from "./retry-failed-items";
import { processClaimedItem } from "./process-claimed-item";
import { processSnapshotRuns } from "./process-snapshot-runs";
import { runSyncWorker } from "./run-sync-worker";
import { createWorkerContext, type WorkerContext } from "./worker-context";

const db = connectTestDatabase();
const FAST = { leaseMs: 300, backoffBaseMs: 20, backoffCapMs: 50, pollMs: 20, concurrency: 4 };
let cm: ChartMogulServer;
let s3: S3Server;
const S3_KEYS = { accessKeyId: "BLOCKEDTESTKEY000001", secretAccessKey: "blocked-test-secret-000000000000001" };

beforeAll(async () => {
  [cm, s3] = await Promise.all([startChartMogulServer({ rateLimit: null }), startS3Server({ credentials: [S3_KEYS], buckets: { drops: {} } })]);
});
afterAll(async () => {
  await Promise.all([cm.stop(), s3.stop()]);
  await disconnectDb();
});
beforeEach(async () => {
  await truncateAll();
  for (const o of cm.store.opportunities()) cm.store.deleteOpportunity(o.uuid);
  cm.requests.length = 0;
  ensureTestSecretKey();
});
// Some cases switch NODE_ENV or the keys; vi.stubEnv undoes that after each.
afterEach(() => vi.unstubAllEnvs());

const newKey = () => randomBytes(32).toString("base64");

async function pushAndWork(destinationId: string, count = 3) {
  const ids = await seedDeals({ count });
  const run = await createSyncRun({ destinationId, selection: { mode: "ids", ids } }, null);
  // On a run that never ends the worker would wait forever: the signal makes that a failure, not a hang.
  await runSyncWorker({ ...FAST, stopWhenIdle: true, signal: AbortSignal.timeout(15_000) });
  return { run: await getSyncRun(run.id) };
}

function expectBlocked(result: Awaited<ReturnType<typeof pushAndWork>>, reason: RegExp) {
  expect(result.run.status).toBe("blocked");
  expect(result.run.error).toMatch(reason);
  // The run stops as a whole: no item failed on its own and none spent an attempt (so no backoff was waited out).
  expect(result.run.items.map((i) => [i.state, i.attempt])).toEqual(result.run.items.map(() => ["pending", 0]));
}

describe("a permanent cause that concerns the whole run blocks it with one reason", () => {
  it("undecryptable credential (another DEALPORT_SECRET_KEY); Retry works once the old key is back", async () => {
    const oldKey = readEnv().DEALPORT_SECRET_KEY!;
    const destination = await createChartMogulDestination(cm);
    vi.stubEnv("DEALPORT_SECRET_KEY", newKey());
    const blocked = await pushAndWork(destination.id);
    expectBlocked(blocked, /cannot be decrypted: .*DEALPORT_SECRET_KEY_PREVIOUS/);
    expect(cm.requests).toHaveLength(0);

    vi.stubEnv("DEALPORT_SECRET_KEY_PREVIOUS", oldKey);
    expect(await retryFailedItems(blocked.run.id, null)).toMatchObject({ unblocked: true });
    await runSyncWorker({ ...FAST, stopWhenIdle: true, signal: AbortSignal.timeout(15_000) });
    const done = await getSyncRun(blocked.run.id);
    expect(done).toMatchObject({ status: "succeeded", error: null });
    expect(cm.store.opportunities()).toHaveLength(3);
  });

  it("malformed DEALPORT_SECRET_KEY", async () => {
    const destination = await createChartMogulDestination(cm);
    vi.stubEnv("DEALPORT_SECRET_KEY", "not-a-key");
    expectBlocked(await pushAndWork(destination.id), /DEALPORT_SECRET_KEY is malformed.*openssl rand -base64 32/);
  });

  it("deleted credential", async () => {
    const destination = await createChartMogulDestination(cm);
    // The foreign key is ON DELETE SET NULL: the destination is left without one.
    await db.credential.delete({ where: { id: destination.credentialId! } });
    expectBlocked(await pushAndWork(destination.id), /has no credential; add one in Settings → Destinations/);
  });

  it("destination settings that no longer parse", async () => {
    const destination = await createChartMogulDestination(cm);
    await db.destination.update({ where: { id: destination.id }, data: { options: { apiUrl: "not a url", stages: "Discovery = Discovery" } } });
    expectBlocked(await pushAndWork(destination.id), /settings that no longer pass their checks \(apiUrl: .*\); fix them in Settings → Destinations/);
  });

  it("endpoint refused by the policy", async () => {
    const destination = await createChartMogulDestination(cm);
    // Production refuses http and loopback endpoints unless an admin allows private endpoints.
    vi.stubEnv("NODE_ENV", "production");
    expectBlocked(await pushAndWork(destination.id), /ChartMogul URL must use https in production/);
  });

  it("a credential the destination refuses (HTTP 401)", async () => {
    const destination = await createChartMogulDestination({ apiKey: "revoked-key", baseUrl: cm.baseUrl });
    const result = await pushAndWork(destination.id);
    expect(result.run.status).toBe("blocked");
    expect(result.run.error).toMatch(/ChartMogul answered HTTP 401: No valid API key provided\. Check the credential/);
    expect(result.run.items.every((i) => i.state === "pending")).toBe(true);
  });

  it("a snapshot destination (Jointflows) whose credential can't be decrypted", async () => {
    const destination = await createJointflowsDestination({ endpoint: "http://127.0.0.1:9", accessKeyId: "AKIATEST0000000001", secretAccessKey: "secret-000000000000000000000001", bucket: "drops" });
    vi.stubEnv("DEALPORT_SECRET_KEY", newKey());
    const result = await pushAndWork(destination.id, 2);
    expect(result.run.status).toBe("blocked");
    expect(result.run.error).toMatch(/cannot be decrypted/);
  });

  it("a bucket that refuses the credential (S3 403 AccessDenied) blocks a snapshot run", async () => {
    const destination = await createJointflowsDestination({ endpoint: s3.endpoint, ...S3_KEYS, bucket: "drops" });
    s3.failNext({ operation: "PutObject", status: 403, code: "AccessDenied", times: 1 });
    const result = await pushAndWork(destination.id, 2);
    expect(result.run.status).toBe("blocked");
    expect(result.run.error).toMatch(/S3 refused \(s3:\/\/drops\/drop\/\): the credential may not use this bucket or prefix \(HTTP 403\)/);
    expect(result.run.items.every((i) => i.state === "pending")).toBe(true);
  });
});

/**
 * Drives one path by hand: claim, process, make whatever is waiting due at once, again,
 * until nothing is left to claim (or `rounds` runs out, which is the bug these tests catch).
 */
async function drive(ctx: WorkerContext, rounds = 40) {
  for (let round = 0; round < rounds; round++) {
    await db.syncItem.updateMany({ where: { state: "pending" }, data: { nextAttemptAt: null } });
    await db.syncItem.updateMany({ where: { state: "sending" }, data: { leaseUntil: new Date(Date.now() - 1000) } });
    const claimed = await claimItems({ workerId: ctx.settings.workerId, limit: 10, leaseMs: 60_000, kinds: ["chartmogul"] });
    if (!claimed.length) return round;
    for (const item of claimed) await processClaimedItem(item, ctx);
  }
  return rounds;
}

async function oneItem(state: "pending" | "sending") {
  const destination = await createChartMogulDestination(cm);
  const [dealId] = await seedDeals({ count: 1 });
  const run = await createSyncRun({ destinationId: destination.id, selection: { mode: "ids", ids: [dealId] } }, null);
  if (state === "sending") await db.syncItem.updateMany({ where: { runId: run.id }, data: { state: "sending", leaseUntil: new Date(0) } });
  return run.id;
}

const item = async (runId: string) => (await db.syncItem.findMany({ where: { runId } }))[0];

describe("every retry path spends attempts and ends", () => {
  const base = () => createWorkerContext({ ...FAST, maxAttempts: 3, maxThrottled: 4 });
  const refused = () => Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:443"), { code: "ECONNREFUSED" });

  it("opening the connection: a transient failure fails the item after maxAttempts", async () => {
    const runId = await oneItem("pending");
    const ctx = { ...base(), connection: async () => Promise.reject(refused()) };
    await drive(ctx);
    expect(await item(runId)).toMatchObject({ state: "failed", attempt: 3 });
    expect((await item(runId)).error).toMatch(/^Gave up after 3 attempts: connect ECONNREFUSED/);
  });

  it("opening the connection for an item whose outcome is unknown: uncertain after maxAttempts", async () => {
    const runId = await oneItem("sending");
    const ctx = { ...base(), connection: async () => Promise.reject(refused()) };
    await drive(ctx);
    expect(await item(runId)).toMatchObject({ state: "uncertain", attempt: 4 });
    expect((await item(runId)).error).toMatch(/^Could not check whether it was sent: connect ECONNREFUSED/);
  });

  it("reconciliation (find()): a destination that keeps failing leaves the item uncertain after maxAttempts", async () => {
    const runId = await oneItem("sending");
    const ctx = base();
    let finds = 0;
    const failingFind: WorkerContext = {
      ...ctx,
      async connection(id) {
        const opened = await ctx.connection(id);
        const find = async () => {
          finds++;
          throw new DestinationError("unknown_outcome", "ChartMogul answered HTTP 503", 503);
        };
        return { ...opened, adapter: { ...opened.adapter, find } as typeof opened.adapter };
      },
    };
    await drive(failingFind);
    expect(await item(runId)).toMatchObject({ state: "uncertain", attempt: 4 });
    expect(finds).toBe(4);
  });

  it("lookups: transient failures fail the item after maxAttempts", async () => {
    const runId = await oneItem("pending");
    const ctx = base();
    const failingLookup: WorkerContext = {
      ...ctx,
      async connection(id) {
        const opened = await ctx.connection(id);
        const lookup = async () => Promise.reject(new DestinationError("unknown_outcome", "ChartMogul answered HTTP 503", 503));
        return { ...opened, adapter: { ...opened.adapter, lookup } as typeof opened.adapter };
      },
    };
    await drive(failingLookup);
    expect(await item(runId)).toMatchObject({ state: "failed", attempt: 3 });
    expect((await item(runId)).error).toMatch(/^Gave up after 3 attempts: ChartMogul answered HTTP 503/);
  });

  it("the write: 429s spend no attempt but end after maxThrottled", async () => {
    const runId = await oneItem("pending");
    const ctx = base();
    const throttled: WorkerContext = {
      ...ctx,
      async connection(id) {
        const opened = await ctx.connection(id);
        const push = async () => Promise.reject(new DestinationError("rate_limited", "ChartMogul answered HTTP 429", 429, 0));
        return { ...opened, adapter: { ...opened.adapter, push } as typeof opened.adapter };
      },
    };
    await drive(throttled);
    expect(await item(runId)).toMatchObject({ state: "failed", throttled: 4 });
    expect((await item(runId)).error).toMatch(/^Gave up after 4 rate-limited tries/);
  });

  it("snapshot runs: a transient failure to open the connection spends attempts and fails the items", async () => {
    const destination = await createJointflowsDestination({ endpoint: "http://127.0.0.1:9", accessKeyId: "AKIATEST0000000001", secretAccessKey: "secret-000000000000000000000001", bucket: "drops" });
    const ids = await seedDeals({ count: 2 });
    const run = await createSyncRun({ destinationId: destination.id, selection: { mode: "ids", ids } }, null);
    const ctx = { ...base(), connection: async () => Promise.reject(refused()) };
    for (let round = 0; round < 10; round++) {
      await db.syncItem.updateMany({ where: { state: "pending" }, data: { nextAttemptAt: null } });
      await processSnapshotRuns(ctx, ["jointflows"]);
    }
    const items = await db.syncItem.findMany({ where: { runId: run.id } });
    expect(items.map((i) => [i.state, i.attempt])).toEqual([["failed", 3], ["failed", 3]]);
  });
});
