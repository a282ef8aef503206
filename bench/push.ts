// bench:push — a ChartMogul push through lib/sync (createSyncRun + runSyncWorker) against
// the fake ChartMogul, in a throwaway database (dropped at the end).
//
// (1) Throttled: the fake allows R requests/s, the destination is configured to R req/s;
//     push N deals and print the achieved request rate as a fraction of R (goal ≥ 90%)
//     and how many 429s the fake answered (goal 0). Baselines measured in the same run:
//     the ideal rate R, and a raw sequential fetch loop to /v1/ping (unthrottled cost).
// (2) Faults: a fresh fake with 5% 5xx and 1% dropped-after-write; push N deals again and
//     print duplicates (deal ids with > 1 opportunity) and lost (deals without exactly one
//     opportunity, or whose item did not end "sent") — goals 0 and 0.
//
//   npm run bench:push -- [--deals 10000] [--rate 40] [--ping-seconds 3]
// Server: BENCH_DATABASE_URL (any PostgreSQL >= 15) or the embedded one.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";
import { copyFromText, copyText } from "@/lib/db/copy-from-stdin";
import { disconnectDb, getDb } from "@/lib/db/client";
import { createDatabaseIfMissing } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrations";
import { benchServer } from "./bench-server";
import { createSyncRun } from "@/lib/sync/create-sync-run";
import { runSyncWorker } from "@/lib/sync/run-sync-worker";
import { createChartMogulDestination, SANDBOX_ACCOUNTS } from "@/lib/test/push-fixtures";
import { startChartMogulServer, type ChartMogulServer } from "@/sandbox/chartmogul";

/** lib/destinations/chartmogul/config.ts caps requestsPerSecond at the documented 40/s. */
const DESTINATION_MAX_RATE = 40;

const { values: args } = parseArgs({ options: { deals: { type: "string" }, rate: { type: "string" }, "ping-seconds": { type: "string" } } });
const dealCount = Number(args.deals ?? 10_000);
const rate = Number(args.rate ?? 40);
const pingSeconds = Number(args["ping-seconds"] ?? 3);
if (!(dealCount >= 1 && rate > 0 && pingSeconds > 0)) throw new Error("--deals, --rate and --ping-seconds must be positive numbers");
const destinationRate = Math.min(rate, DESTINATION_MAX_RATE);
if (destinationRate < rate) {
  console.warn(`note: the ChartMogul destination accepts at most ${DESTINATION_MAX_RATE} req/s; configured to ${destinationRate} while the fake allows ${rate}`);
}

// ---- throwaway database -------------------------------------------------------------
const DATABASE = `dealport_bench_push_${Date.now()}_${randomBytes(3).toString("hex")}`;
const server = await benchServer();
await createDatabaseIfMissing(server.url, DATABASE);
const url = new URL(server.url);
url.pathname = `/${DATABASE}`;
process.env.DATABASE_URL = url.toString();

const fakes: ChartMogulServer[] = [];
try {
  await migrate(url.toString());
  await loadDeals(url.toString());
  await throttledRun();
  await faultsRun();
} finally {
  await Promise.allSettled(fakes.map((fake) => fake.stop()));
  await disconnectDb();
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`drop database if exists ${admin.escapeIdentifier(DATABASE)} with (force)`);
  await admin.end();
  await server.stop();
}

// ---- data ---------------------------------------------------------------------------
/** N deals over the fake's seed customers (matched by the accounts' external ids), loaded with COPY. */
async function loadDeals(databaseUrl: string) {
  const started = performance.now();
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  try {
    await sql.query(`insert into "Source" (id, name, kind, config, "updatedAt") values ('bench_src', 'Bench source', 's3_flatfile', '{}', now())`);
    for (const [i, a] of SANDBOX_ACCOUNTS.entries()) {
      await sql.query(
        `insert into "Account" (id, "sourceId", "externalId", name, url, industry, properties, "contentHash", "updatedAt")
         values ($1, 'bench_src', $2, $3, $4, 'Software', $5, 'x', now())`,
        [`bench_acc_${i}`, a.externalId, a.name, `https://${a.email.split("@")[1]}`, JSON.stringify({ email: a.email })],
      );
    }
    const lines: string[] = [];
    for (let n = 1; n <= dealCount; n++) {
      const account = n % SANDBOX_ACCOUNTS.length;
      const row = [
        `bench_d${String(n).padStart(7, "0")}`,
        "bench_src",
        `BENCH-${String(n).padStart(7, "0")}`,
        `bench_acc_${account}`,
        `${SANDBOX_ACCOUNTS[account].name} - Deal ${n}`,
        "Discovery",
        "New Business",
        "alex.morgan@example.com",
        1_234_500,
        "USD",
        1_234_500,
        "2027-03-31",
        JSON.stringify({ description: `Deal number ${n}` }),
        "x",
        new Date().toISOString(),
      ];
      lines.push(row.map(copyText).join("\t"));
    }
    await copyFromText(
      sql,
      `copy "Deal" (id, "sourceId", "externalId", "accountId", name, stage, pipeline, owner, "amountMinor", currency, "amountBaseMinor", "closeDate", properties, "contentHash", "updatedAt") from stdin`,
      `${lines.join("\n")}\n`,
    );
    await sql.query(`analyze`);
  } finally {
    await sql.end();
  }
  console.log(`loaded ${dealCount.toLocaleString()} deals in ${((performance.now() - started) / 1000).toFixed(1)} s (COPY)`);
}

/** Queues a run of every deal for the destination and works it to the end with the production worker settings. */
async function pushAll(destinationId: string) {
  const run = await createSyncRun({ destinationId, selection: { mode: "filter", filter: {} } }, null);
  const started = performance.now();
  await runSyncWorker({ runId: run.id, stopWhenIdle: true });
  return { runId: run.id, seconds: (performance.now() - started) / 1000 };
}

// ---- (1) throttled --------------------------------------------------------------------
async function throttledRun() {
  const cm = await startChartMogulServer({ rateLimit: null });
  fakes.push(cm);

  // Baseline: a raw sequential fetch loop to /v1/ping, no limiter, no rate limit.
  const auth = { authorization: `Basic ${Buffer.from(`${cm.apiKey}:`).toString("base64")}` };
  let pings = 0;
  const pingStarted = performance.now();
  while (performance.now() - pingStarted < pingSeconds * 1000) {
    const response = await fetch(`${cm.baseUrl}/v1/ping`, { headers: auth });
    await response.arrayBuffer();
    pings++;
  }
  const pingElapsed = (performance.now() - pingStarted) / 1000;
  cm.requests.length = 0;

  cm.setRateLimit({ requests: rate, windowMs: 1000 });
  const destination = await createChartMogulDestination(cm, { requestsPerSecond: destinationRate });
  const { runId, seconds } = await pushAll(destination.id);
  const sent = cm.requests.length;
  const throttled = cm.requests.filter((r) => r.status === 429).length;
  const achieved = sent / seconds;
  const states = await itemStates(runId);

  console.log(`\n(1) throttled: ${dealCount.toLocaleString()} deals, fake limit ${rate} req/s, destination ${destinationRate} req/s`);
  console.log(`  baseline raw /v1/ping loop: ${pings} requests in ${pingElapsed.toFixed(1)} s = ${Math.round(pings / pingElapsed)} req/s (${((pingElapsed / pings) * 1000).toFixed(2)} ms/request)`);
  console.log(`  baseline ideal: ${rate} req/s → ${((dealCount / rate)).toFixed(1)} s for ${dealCount.toLocaleString()} writes`);
  console.log(`  elapsed ${seconds.toFixed(1)} s, ${sent} requests = ${achieved.toFixed(1)} req/s`);
  console.log(`  fraction of R achieved: ${((achieved / rate) * 100).toFixed(1)}% (goal ≥ 90%)${destinationRate < rate ? `; of the destination's ${destinationRate} req/s: ${((achieved / destinationRate) * 100).toFixed(1)}%` : ""}`);
  console.log(`  429s answered by the fake: ${throttled} (goal 0)`);
  console.log(`  items: ${formatStates(states)}`);
}

// ---- (2) faults -----------------------------------------------------------------------
async function faultsRun() {
  const cm = await startChartMogulServer({ rateLimit: { requests: rate, windowMs: 1000 } });
  fakes.push(cm);
  const destination = await createChartMogulDestination(cm, { requestsPerSecond: destinationRate });
  cm.setRandomFaults({ serverErrorRate: 0.05, dropAfterHandlingRate: 0.01, seed: 42 });
  const { runId, seconds } = await pushAll(destination.id);
  cm.setRandomFaults(null);

  const opportunitiesByDeal = new Map<string, number>();
  for (const o of cm.store.opportunities()) {
    const id = String(o.custom.dealport_deal_id);
    opportunitiesByDeal.set(id, (opportunitiesByDeal.get(id) ?? 0) + 1);
  }
  const items = await getDb().syncItem.findMany({ where: { runId }, select: { dealId: true, state: true } });
  const duplicates = [...opportunitiesByDeal.values()].filter((n) => n > 1).length;
  const lost = items.filter((i) => i.state !== "sent" || opportunitiesByDeal.get(i.dealId) !== 1).length;
  const injected500 = cm.requests.filter((r) => r.status === 500).length;
  const dropped = cm.requests.filter((r) => r.status === "dropped").length;
  const throttled = cm.requests.filter((r) => r.status === 429).length;
  const states = await itemStates(runId);

  console.log(`\n(2) faults: ${dealCount.toLocaleString()} deals, 5% 5xx + 1% dropped-after-write, fresh fake`);
  console.log(`  elapsed ${seconds.toFixed(1)} s, ${cm.requests.length} requests (${injected500} × 500, ${dropped} dropped, ${throttled} × 429)`);
  console.log(`  opportunities in the fake: ${cm.store.opportunities().length} for ${items.length} items`);
  console.log(`  duplicates: ${duplicates} (goal 0)`);
  console.log(`  lost: ${lost} (goal 0)`);
  console.log(`  items: ${formatStates(states)}`);
}

async function itemStates(runId: string) {
  const groups = await getDb().syncItem.groupBy({ by: ["state"], where: { runId }, _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.state, g._count._all]));
}

function formatStates(states: Record<string, number>) {
  return Object.entries(states)
    .map(([state, n]) => `${n} ${state}`)
    .join(", ");
}
