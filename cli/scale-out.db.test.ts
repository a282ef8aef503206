// Scale-out on one PostgreSQL (issue 15): two `dealport worker` and two `dealport push-worker`
// processes — real children through the CLI — against one database, with scheduled imports
// from the sandbox S3 and a push to the sandbox ChartMogul. Each scheduled import runs once,
// no deal is pushed twice, and a worker killed with SIGKILL mid-run is taken over: a push
// worker's items when their (short) lease lapses, an import worker's run at the survivor's
// next tick.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { createChartMogulDestination, seedDeals } from "@/lib/test/push-fixtures";
import { createS3Source, startSeededS3 } from "@/lib/imports/test/import-fixtures";
import { createSyncRun } from "@/lib/sync/create-sync-run";
import { startChartMogulServer, type ChartMogulServer } from "@/sandbox/chartmogul";
import { DEMO_BUCKET } from "@/sandbox/seed-data";
import type { S3Server } from "@/sandbox/s3";

const db = connectTestDatabase();
let cm: ChartMogulServer;
let s3: S3Server;
const children: { name: string; child: ChildProcess; log: string[] }[] = [];

beforeAll(async () => {
  await truncateAll();
  [cm, s3] = await Promise.all([startChartMogulServer({ rateLimit: null }), startSeededS3()]);
});
// Wait for every child to be gone: a worker's next tick must not reach the next test file's data.
afterEach(async () => {
  await Promise.all(
    children.map(({ child }) =>
      child.exitCode !== null || child.signalCode !== null ? undefined : new Promise((resolve) => child.once("exit", resolve).kill("SIGKILL")),
    ),
  );
});
afterAll(async () => {
  await Promise.all([cm.stop(), s3.stop()]);
  await disconnectDb();
});

/** `dealport <args>` as its own process, with this process's environment (DATABASE_URL, DEALPORT_SECRET_KEY). */
function start(name: string, args: string[]) {
  const child = spawn("node", ["cli/dealport.mjs", ...args], { stdio: ["ignore", "ignore", "pipe"] });
  const entry = { name, child, log: [] as string[] };
  child.stderr!.on("data", (chunk: Buffer) => entry.log.push(chunk.toString()));
  children.push(entry);
  return child;
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 40_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${children.map((c) => `--- ${c.name}\n${c.log.join("")}`).join("\n")}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const csv = (rows: (string | number)[][]) => rows.map((r) => r.join(",")).join("\n") + "\n";

/** A drop of thousands of deals: the run that takes over has real work to finish. */
function putBigDrop(prefix: string, deals: number) {
  const accounts = Array.from({ length: 200 }, (_, i) => [`Account ${i}`, `BIG-A${i}`, `https://a${i}.example`]);
  s3.putObject(DEMO_BUCKET, `${prefix}accounts.csv`, Buffer.from(csv([["name", "unique_id", "url"], ...accounts])));
  s3.putObject(DEMO_BUCKET, `${prefix}contacts.csv`, Buffer.from(csv([["first_name", "last_name", "email_address", "account_unique_id", "contact_unique_id", "reports_to_id"]])));
  const header = ["name", "target_close_date", "owner_email", "value", "deal_unique_id", "account_unique_id", "deal_stage", "currency", "account_name"];
  const rows = Array.from({ length: deals }, (_, i) => [`Big deal ${i}`, "2027-03-01", "owner@example.com", 1000 + i, `BIG-D${i}`, `BIG-A${i % 200}`, "Discovery", "USD", ""]);
  s3.putObject(DEMO_BUCKET, `${prefix}deals.csv`, Buffer.from(csv([header, ...rows])));
}

async function scheduledS3Source(name: string, prefix: string) {
  const source = await createS3Source(s3, { name, prefix, format: "jointflows" });
  // Due at once, then not again for an hour: a second run inside the test would be a duplicate.
  return db.source.update({ where: { id: source.id }, data: { scheduleMinutes: 60, reviewRules: { mode: "never" } } });
}

describe("two import workers and two push workers on one database", () => {
  it("run each scheduled import once, push each deal once, and take over a worker killed mid-run", async () => {
    const sources = await Promise.all(["North", "South", "East", "West"].map((n) => scheduledS3Source(`Drop ${n}`, "jointflows/")));
    // Sends slow enough that the items a worker is seen holding are still in flight when it is
    // killed: with short sends, a loaded machine's delay between the look and the kill let the
    // victim finish them all, leaving nothing to take over.
    cm.setLatency(1000);
    const destination = await createChartMogulDestination(cm);
    const dealIds = await seedDeals({ count: 40 });
    const push = await createSyncRun({ destinationId: destination.id, selection: { mode: "ids", ids: dealIds } }, null);

    const importWorkers = [start("worker 1", ["worker", "--tick-seconds", "1"]), start("worker 2", ["worker", "--tick-seconds", "1"])];
    const pushWorkers = [
      start("push-worker 1", ["push-worker", "--concurrency", "4", "--lease-seconds", "2"]),
      start("push-worker 2", ["push-worker", "--concurrency", "4", "--lease-seconds", "2"]),
    ];

    // A push worker dies holding items (whichever holds some first: under load one may start
    // seconds after the other): their outcome is unknown until the lease lapses.
    const { victim } = await until("a push worker to hold items while others are sent", async () => {
      const [sending, sent] = await Promise.all([
        db.syncItem.findMany({ where: { runId: push.id, state: "sending" }, select: { id: true, claimedBy: true } }),
        db.syncItem.count({ where: { runId: push.id, state: "sent" } }),
      ]);
      const victim = pushWorkers.find((w) => sending.some((i) => i.claimedBy?.endsWith(`:${w.pid}`)));
      return victim && sent >= 4 ? { victim } : null;
    });
    victim.kill("SIGKILL");
    const survivor = pushWorkers.find((w) => w !== victim)!;

    const finished = await until("the push run to finish", async () => {
      const run = await db.syncRun.findUniqueOrThrow({ where: { id: push.id } });
      return run.status === "queued" || run.status === "running" ? null : run;
    });
    expect(finished.status).toBe("succeeded");
    const items = await db.syncItem.findMany({ where: { runId: push.id } });
    expect(items.map((i) => i.state)).toEqual(Array(40).fill("sent"));
    // The dead worker's unfinished items (those it held, or claimed just before the kill) were
    // claimed a second time and finished by the survivor. (Under heavy load a live worker's
    // 2 s lease can lapse too: such an item is claimed again and reconciled, never sent twice.)
    expect(items.some((i) => i.attempt >= 2 && i.claimedBy!.endsWith(`:${survivor.pid}`))).toBe(true);
    // Exactly one ChartMogul opportunity per deal: nothing duplicated, nothing lost.
    const perDeal = new Map<string, number>();
    for (const o of cm.store.opportunities()) perDeal.set(String(o.custom.dealport_deal_id), (perDeal.get(String(o.custom.dealport_deal_id)) ?? 0) + 1);
    expect([...perDeal.keys()].sort()).toEqual([...dealIds].sort());
    expect([...perDeal.values()].every((n) => n === 1)).toBe(true);

    // Both schedulers found the four sources due at the same moment: each ran once.
    const runsOf = (sourceId: string) => db.importRun.findMany({ where: { sourceId }, orderBy: { startedAt: "asc" } });
    await until("the four scheduled imports to finish", async () =>
      (await Promise.all(sources.map((s) => runsOf(s.id)))).every((runs) => runs.length && runs.every((r) => r.status !== "running")),
    );
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // more ticks of both schedulers
    for (const source of sources) expect((await runsOf(source.id)).map((r) => r.status)).toEqual(["succeeded"]);

    // An import worker dies mid-run: the survivor takes the run over at its next tick. The first
    // download of deals.csv stalls, so the run is still reading when the worker is killed (an
    // import of this size alone finished within the poll on an idle machine).
    putBigDrop("big/", 12_000);
    let stalled = false;
    s3.cutNextBody({ bucket: DEMO_BUCKET, key: "big/deals.csv", afterBytes: 64 * 1024, hold: true, onHold: () => (stalled = true) });
    const big = await scheduledS3Source("Big drop", "big/");
    const running = await until("the big import to stall reading deals.csv", async () => stalled && db.importRun.findFirst({ where: { sourceId: big.id, status: "running" } }));
    const [holder] = await db.$queryRaw<{ application_name: string }[]>`
      select application_name from pg_stat_activity where datname = current_database() and application_name like 'dealport-import:%'`;
    const killed = importWorkers.find((w) => holder?.application_name === `dealport-import:${w.pid}`);
    expect(killed, "one of the two workers runs the big import").toBeDefined();
    killed!.kill("SIGKILL");

    const runs = await until("the big import to be taken over", async () => {
      const all = await runsOf(big.id);
      return all.length === 2 && all[1].status !== "running" ? all : null;
    }, 50_000);
    expect(runs[0]).toMatchObject({ id: running.id, status: "failed" });
    expect(runs[0].error).toMatch(/^Interrupted/);
    expect(runs[1].status).toBe("succeeded");
    expect(await db.deal.count({ where: { sourceId: big.id } })).toBe(12_000);
    for (const source of sources) expect(await db.importRun.count({ where: { sourceId: source.id } })).toBe(1);
  }, 120_000);
});
