// bench:push — ChartMogul pushes through lib/sync against the fake ChartMogul, in a
// throwaway database (dropped at the end).
//
// (0) Preview: the push preview of all N deals built and kept, against planning them alone
//     (the baseline); then what a page view reads: the summary and one page of payloads.
// (1) One worker: a `dealport push-worker` process; the fake allows R requests/s and the
//     destination is configured to R req/s. Push N deals; print the achieved request rate
//     as a fraction of R (goal ≥ 90%), 429s (goal 0), duplicates and lost (goal 0).
//     Baselines measured in the same run: the ideal rate R, and a raw sequential fetch loop
//     to /v1/ping (unthrottled cost).
// (2) Four workers: four `dealport push-worker` processes on the same database; each
//     process has its own R req/s budget, so the fake allows 4 × R and 4 × its parallel
//     connections (a destination that allows it). Push N deals; print the throughput against
//     (1)'s (goal ≥ 3.5×), duplicates and lost (goal 0).
// (3) Faults: a fresh fake with 5% 5xx and 1% dropped-after-write; push N deals again with
//     an in-process worker and print duplicates (deal ids with > 1 opportunity) and lost
//     (deals without exactly one opportunity, or whose item did not end "sent") — goals 0 and 0.
// (1) and (2) measure workers that have warmed up: each process's first run (a few deals to a
// throwaway fake, its cost printed) compiles its queries and code, which a long-running
// push-worker does once. At the end, every target with its baseline, the ratio and whether it
// is met, and what the machine allowed: the CPU per deal of the workers, the bench process
// (the fake) and the database's PostgreSQL backends, and what other processes took meanwhile:
// they all share the cores, so a busy machine caps (2) before the limiter does.
//
//   npm run bench:push -- [--deals 10000] [--rate 40] [--workers 4] [--ping-seconds 3] [--skip-faults] [--preview-only] [--cpu-prof DIR]
// Server: BENCH_DATABASE_URL (any PostgreSQL >= 15) or the embedded one.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { copyFromText, copyText } from "@/lib/db/copy-from-stdin";
import { disconnectDb, getDb } from "@/lib/db/client";
import { createDatabaseIfMissing } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrations";
import { benchServer } from "./bench-server";
import { openConnection } from "@/lib/destinations/open-connection";
import { buildPushPreview } from "@/lib/sync/build-push-preview";
import { createSyncRun } from "@/lib/sync/create-sync-run";
import { planDeals } from "@/lib/sync/plan-deals";
import { getPushPreview, listPushPreviewItems, PREVIEW_PAGE_SIZE } from "@/lib/sync/read-push-preview";
import { resolveSelection } from "@/lib/sync/resolve-selection";
import { runSyncWorker } from "@/lib/sync/run-sync-worker";
import { perSecond } from "@/lib/net/rate-limiter";
import { createChartMogulDestination, SANDBOX_ACCOUNTS } from "@/lib/test/push-fixtures";
import { CHARTMOGUL_MAX_CONCURRENT_REQUESTS, startChartMogulServer, type ChartMogulServer } from "@/sandbox/chartmogul";

/** lib/destinations/chartmogul/config.ts caps requestsPerSecond at the documented 40/s. */
const DESTINATION_MAX_RATE = 40;

const { values: args } = parseArgs({
  options: {
    deals: { type: "string" },
    rate: { type: "string" },
    workers: { type: "string" },
    "ping-seconds": { type: "string" },
    "skip-faults": { type: "boolean" },
    "preview-only": { type: "boolean" },
    /** Each push-worker process writes a CPU profile (node --cpu-prof) into DIR. */
    "cpu-prof": { type: "string" },
  },
});
const dealCount = Number(args.deals ?? 10_000);
const rate = Number(args.rate ?? 40);
const workerCount = Number(args.workers ?? 4);
const pingSeconds = Number(args["ping-seconds"] ?? 3);
if (!(dealCount >= 1 && rate > 0 && pingSeconds > 0 && Number.isInteger(workerCount) && workerCount >= 2)) {
  throw new Error("--deals, --rate and --ping-seconds must be positive numbers, --workers an integer ≥ 2");
}
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
  await previewRun();
  if (!args["preview-only"]) await pushRuns();
} finally {
  await Promise.allSettled(fakes.map((fake) => fake.stop()));
  await disconnectDb();
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`drop database if exists ${admin.escapeIdentifier(DATABASE)} with (force)`);
  await admin.end();
  await server.stop();
}

async function pushRuns() {
  const pings = await pingBaseline();
  const one = await workersRun(1, rate);
  printWorkersRun(one, pings);
  const many = await workersRun(workerCount, rate * workerCount);
  printWorkersRun(many);
  const scaleGoal = workerCount * 0.875;
  const scale = many.dealsPerSecond / one.dealsPerSecond;
  console.log(`\n  ${workerCount} workers vs 1: ${scale.toFixed(2)}× the throughput (goal ≥ ${scaleGoal.toFixed(1)}×)`);
  const faults = args["skip-faults"] ? null : await faultsRun();

  const met = (ok: boolean) => (ok ? "met" : "NOT met");
  const limitShare = one.requests / one.seconds / destinationRate;
  const clean = (r: { duplicates: number; lost: number }) => r.duplicates === 0 && r.lost === 0;
  console.log(`\ntargets (baselines measured in this run):`);
  console.log(`  1 worker: ${(one.requests / one.seconds).toFixed(1)} req/s against the configured ${destinationRate} req/s (baseline) = ${(limitShare * 100).toFixed(1)}% (goal ≥ 90%): ${met(limitShare >= 0.9)}`);
  console.log(`  ${workerCount} workers: ${many.dealsPerSecond.toFixed(1)} deals/s against 1 worker's ${one.dealsPerSecond.toFixed(1)} (baseline) = ${scale.toFixed(2)}× (goal ≥ ${scaleGoal.toFixed(1)}×): ${met(scale >= scaleGoal)}`);
  const runs = [one, many, ...(faults ? [faults] : [])];
  console.log(`  duplicates / lost: ${one.duplicates} / ${one.lost} (1 worker), ${many.duplicates} / ${many.lost} (${workerCount} workers)${faults ? `, ${faults.duplicates} / ${faults.lost} (faults)` : ""} (goal 0 / 0): ${met(runs.every(clean))}`);
  const cores = os.availableParallelism();
  console.log(`  machine: ${cores} cores, load average ${one.load[0]} → ${many.load[1]} over (1) and (2)`);
  if (many.cpu) {
    // What (2) needed against what it got: the cores are shared with every other process on the machine.
    const goalRate = one.dealsPerSecond * scaleGoal;
    const needed = (goalRate * many.cpu.msPerDeal) / 1000;
    console.log(
      `  at the ${workerCount}-worker goal (${goalRate.toFixed(0)} deals/s) the workers, the fake and PostgreSQL need ${needed.toFixed(2)} cores (${many.cpu.msPerDeal.toFixed(1)} ms CPU per deal in (2));` +
        ` in (2) they got ${many.cpu.oursCores.toFixed(2)} while other processes used ${many.cpu.othersCores.toFixed(2)} of the ${cores}: ${needed > many.cpu.oursCores ? "CPU-bound, not limiter-bound" : "the CPU was not what held it back"}`,
    );
  }
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

// ---- (0) the preview at scale ------------------------------------------------------------
/**
 * The push preview of every deal: built once (planned in batches and kept), then what a page
 * view reads — the summary and one page of payloads. Baseline in the same run: planning the
 * same deals without keeping anything.
 */
async function previewRun() {
  const cm = await startChartMogulServer({ rateLimit: null });
  fakes.push(cm);
  const destination = await createChartMogulDestination(cm, { requestsPerSecond: destinationRate });
  const selection = { mode: "filter" as const, filter: {}, excludeIds: [] };

  const ids = await resolveSelection(selection);
  const opened = await openConnection(destination);
  await planDeals(opened, ids.slice(0, 10), {}); // lookups memoised, as for the preview
  const planStarted = performance.now();
  for (let i = 0; i < ids.length; i += 1000) await planDeals(opened, ids.slice(i, i + 1000), {});
  const planSeconds = (performance.now() - planStarted) / 1000;

  const buildStarted = performance.now();
  const { id } = await buildPushPreview({ destinationId: destination.id, selection }, null);
  const buildSeconds = (performance.now() - buildStarted) / 1000;
  const readMs = async (read: () => Promise<unknown>) => {
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await read();
      samples.push(performance.now() - started);
    }
    return samples.sort((a, b) => a - b)[2];
  };
  const summaryMs = await readMs(() => getPushPreview(id));
  const pageMs = await readMs(() => listPushPreviewItems(id, { view: "ready", page: Math.ceil(dealCount / 100) }));
  const summary = await getPushPreview(id);

  console.log(`\n(0) preview of ${dealCount.toLocaleString()} deals (${summary.ready.toLocaleString()} ready, ${summary.blocked.toLocaleString()} can't be sent)`);
  console.log(`  baseline: planning them without keeping anything: ${planSeconds.toFixed(1)} s`);
  console.log(`  built and kept: ${buildSeconds.toFixed(1)} s (${(buildSeconds / planSeconds).toFixed(2)}× the baseline)`);
  console.log(`  a page view then reads: summary ${summaryMs.toFixed(0)} ms, a page of ${PREVIEW_PAGE_SIZE} payloads ${pageMs.toFixed(0)} ms (median of 5)`);
}

// ---- (1) and (2): worker processes ------------------------------------------------------
/** Baseline: a raw sequential fetch loop to /v1/ping, no limiter, no rate limit. */
async function pingBaseline() {
  const cm = await startChartMogulServer({ rateLimit: null });
  fakes.push(cm);
  const auth = { authorization: `Basic ${Buffer.from(`${cm.apiKey}:`).toString("base64")}` };
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < pingSeconds * 1000) {
    const response = await fetch(`${cm.baseUrl}/v1/ping`, { headers: auth });
    await response.arrayBuffer();
    count++;
  }
  return { count, seconds: (performance.now() - started) / 1000 };
}

/** `dealport push-worker` processes (the production entry point), resolved once each says it is working the queue. */
async function startPushWorkers(count: number): Promise<ChildProcess[]> {
  const profile = args["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${args["cpu-prof"]}`] : [];
  const workers = Array.from({ length: count }, () =>
    // process.env carries DATABASE_URL and the secret key the destination's credential was saved under.
    spawn(process.execPath, [...profile, "cli/dealport.mjs", "push-worker"], { env: process.env, stdio: ["ignore", "ignore", "pipe"] }),
  );
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          let said = "";
          worker.stderr!.on("data", (chunk: Buffer) => {
            said += chunk.toString();
            if (said.includes("processing the push queue")) resolve();
          });
          worker.once("exit", (code) => reject(new Error(`push-worker exited with ${code} before starting: ${said}`)));
        }),
    ),
  );
  return workers;
}

/** CPU seconds (user + system) processes have used so far, from /proc (Linux); null elsewhere. */
async function cpuSeconds(pids: number[]): Promise<number | null> {
  try {
    let ticks = 0;
    for (const pid of pids) {
      const stat = await readFile(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** The PostgreSQL backends serving the bench database, when they run on this machine (else none). */
async function postgresBackends(): Promise<number[]> {
  const rows = await getDb().$queryRaw<{ pid: number }[]>`select pid from pg_stat_activity where datname = current_database()`;
  const local = await Promise.all(rows.map(async ({ pid }) => ((await readFile(`/proc/${pid}/comm`, "utf8").catch(() => "")).startsWith("postgres") ? pid : null)));
  return local.filter((pid) => pid !== null);
}

/** Busy and total CPU seconds of the whole machine so far, from /proc/stat (Linux); null elsewhere. */
async function machineCpu(): Promise<{ busy: number; total: number } | null> {
  try {
    const [user, nice, system, idle, iowait, irq, softirq, steal] = (await readFile("/proc/stat", "utf8")).split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    const busy = user + nice + system + irq + softirq + steal;
    return { busy: busy / 100, total: (busy + idle + iowait) / 100 };
  } catch {
    return null;
  }
}

/** Where CPU time went: the workers, this process (the fake, the bench's polling), the database's backends, the machine. */
async function cpuSnapshot(workers: ChildProcess[], backends: number[]) {
  const usage = process.cpuUsage();
  return {
    workers: await cpuSeconds(workers.map((w) => w.pid!)),
    bench: (usage.user + usage.system) / 1e6,
    // Per backend: one that exits (an idle pool connection closed) takes its time with it.
    postgres: new Map(await Promise.all(backends.map(async (pid) => [pid, (await cpuSeconds([pid])) ?? 0] as const))),
    machine: await machineCpu(),
  };
}

/** CPU per deal between two snapshots, and the cores our processes and the machine's others used meanwhile. */
function cpuBetween(before: Awaited<ReturnType<typeof cpuSnapshot>>, after: Awaited<ReturnType<typeof cpuSnapshot>>, seconds: number) {
  if (before.workers === null || after.workers === null || !before.machine || !after.machine) return null;
  const workers = after.workers - before.workers;
  const bench = after.bench - before.bench;
  const postgres = [...after.postgres].reduce((sum, [pid, s]) => sum + s - (before.postgres.get(pid) ?? 0), 0);
  const ours = workers + bench + postgres;
  const perDeal = (s: number) => (s * 1000) / dealCount;
  return {
    workersMsPerDeal: perDeal(workers),
    benchMsPerDeal: perDeal(bench),
    postgresMsPerDeal: perDeal(postgres),
    msPerDeal: perDeal(ours),
    oursCores: ours / seconds,
    othersCores: Math.max(0, after.machine.busy - before.machine.busy - ours) / seconds,
  };
}

async function stopPushWorkers(workers: ChildProcess[]) {
  await Promise.all(
    workers.map(async (worker) => {
      if (worker.exitCode !== null) return;
      const exited = once(worker, "exit");
      worker.kill("SIGTERM");
      await exited;
    }),
  );
}

/** Polls until no item of the run is pending or sending. */
async function waitForRunToEnd(runId: string) {
  for (;;) {
    const open = await getDb().syncItem.count({ where: { runId, state: { in: ["pending", "sending"] } } });
    if (open === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every deal of the run in the fake exactly once, its item "sent": duplicates and lost otherwise. */
async function countDuplicatesAndLost(cm: ChartMogulServer, runId: string) {
  const opportunitiesByDeal = new Map<string, number>();
  for (const o of cm.store.opportunities()) {
    const id = String(o.custom.dealport_deal_id);
    opportunitiesByDeal.set(id, (opportunitiesByDeal.get(id) ?? 0) + 1);
  }
  const items = await getDb().syncItem.findMany({ where: { runId }, select: { dealId: true, state: true } });
  return {
    items: items.length,
    opportunities: cm.store.opportunities().length,
    duplicates: [...opportunitiesByDeal.values()].filter((n) => n > 1).length,
    lost: items.filter((i) => i.state !== "sent" || opportunitiesByDeal.get(i.dealId) !== 1).length,
  };
}

/**
 * Each worker's first run, not measured: 100 deals per worker to a throwaway fake. A fresh
 * process compiles its queries (Prisma's query compiler) and code on it, which a long-running
 * push-worker does once; measured, it would weigh on the short (2) more than on (1).
 */
async function warmUp(workers: ChildProcess[]) {
  const cm = await startChartMogulServer({ rateLimit: null, maxConcurrentRequests: null });
  fakes.push(cm);
  const destination = await createChartMogulDestination(cm, { requestsPerSecond: destinationRate });
  const ids = (await getDb().deal.findMany({ select: { id: true }, orderBy: { id: "asc" }, take: 100 * workers.length })).map((d) => d.id);
  const cpuBefore = await cpuSeconds(workers.map((w) => w.pid!));
  const run = await createSyncRun({ destinationId: destination.id, selection: { mode: "ids", ids } }, null);
  await waitForRunToEnd(run.id);
  const cpuAfter = await cpuSeconds(workers.map((w) => w.pid!));
  return { deals: ids.length, cpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore };
}

/** N deals pushed by `workers` push-worker processes, each with the destination's R req/s, against a fake allowing `fakeLimit`. */
async function workersRun(workers: number, fakeLimit: number) {
  const cm = await startChartMogulServer({ rateLimit: { requests: fakeLimit, windowMs: 1000 }, maxConcurrentRequests: CHARTMOGUL_MAX_CONCURRENT_REQUESTS * workers });
  fakes.push(cm);
  const destination = await createChartMogulDestination(cm, { requestsPerSecond: destinationRate });
  const processes = await startPushWorkers(workers);
  try {
    const warm = await warmUp(processes);
    const loadBefore = loadAverage();
    const backends = await postgresBackends();
    const cpuBefore = await cpuSnapshot(processes, backends);
    const queueing = Date.now();
    const run = await createSyncRun({ destinationId: destination.id, selection: { mode: "filter", filter: {} } }, null);
    const queuedAt = Date.now();
    const started = performance.now();
    await waitForRunToEnd(run.id);
    const seconds = (performance.now() - started) / 1000;
    const endedAt = Date.now();
    const cpu = cpuBetween(cpuBefore, await cpuSnapshot(processes, [...new Set([...backends, ...(await postgresBackends())])]), seconds);
    const requests = cm.requests.length;
    // At the fake (the same clock): from the first request's arrival to the last's, without the workers' first poll.
    const activeSeconds = (cm.requests.at(-1)!.at - cm.requests[0].at) / 1000;
    return {
      workers,
      fakeLimit,
      warm,
      load: [loadBefore, loadAverage()],
      seconds,
      activeSeconds,
      queueingSeconds: (queuedAt - queueing) / 1000,
      firstRequestSeconds: (cm.requests[0].at - queueing) / 1000,
      afterLastSeconds: (endedAt - cm.requests.at(-1)!.at) / 1000,
      requests,
      dealsPerSecond: dealCount / seconds,
      cpu,
      throttled: cm.requests.filter((r) => r.status === 429).length,
      states: await itemStates(run.id),
      ...(await countDuplicatesAndLost(cm, run.id)),
    };
  } finally {
    await stopPushWorkers(processes);
  }
}

function printWorkersRun(result: Awaited<ReturnType<typeof workersRun>>, pings?: { count: number; seconds: number }) {
  const limit = destinationRate * result.workers;
  const achieved = result.requests / result.seconds;
  console.log(
    `\n(${result.workers === 1 ? 1 : 2}) ${result.workers} push-worker process${result.workers === 1 ? "" : "es"}: ${dealCount.toLocaleString()} deals, fake limit ${result.fakeLimit} req/s, destination ${destinationRate} req/s per worker`,
  );
  if (result.warm.cpuSeconds !== null) {
    console.log(`  warm-up, not measured: each process's first run (${result.warm.deals} deals to a throwaway fake) took ${((result.warm.cpuSeconds * 1000) / result.workers).toFixed(0)} ms CPU per process`);
  }
  if (pings) {
    console.log(`  baseline raw /v1/ping loop: ${pings.count} requests in ${pings.seconds.toFixed(1)} s = ${Math.round(pings.count / pings.seconds)} req/s (${((pings.seconds / pings.count) * 1000).toFixed(2)} ms/request)`);
  }
  // The limiter's own ceiling: its window carries a margin against uneven latency (lib/net/rate-limiter.ts).
  const window = perSecond(destinationRate);
  const ceiling = (window.requests * 1000) / (window.windowMs + (window.marginMs ?? 0));
  console.log(`  baseline ideal: ${limit} req/s → ${(dealCount / limit).toFixed(1)} s for ${dealCount.toLocaleString()} writes; the limiter's ceiling with its margin: ${ceiling.toFixed(1)} req/s per worker (${((ceiling / destinationRate) * 100).toFixed(1)}%)`);
  console.log(`  elapsed ${result.seconds.toFixed(1)} s from queueing the run to its end, ${result.requests} requests = ${achieved.toFixed(1)} req/s, ${result.dealsPerSecond.toFixed(1)} deals/s`);
  console.log(`  fraction of the limit achieved: ${((achieved / limit) * 100).toFixed(1)}% (goal ≥ 90%); first to last request at the fake: ${((result.requests / result.activeSeconds / limit) * 100).toFixed(1)}%`);
  console.log(
    `  outside that span: queueing the run took ${result.queueingSeconds.toFixed(2)} s and the first request came ${result.firstRequestSeconds.toFixed(2)} s after it began (the workers' poll, claim and lookups; they start on the items once written), the last ${result.afterLastSeconds.toFixed(2)} s before the run's end (recording, the bench's poll)`,
  );
  console.log(`  429s answered by the fake: ${result.throttled} (goal 0)`);
  if (result.cpu) {
    const c = result.cpu;
    console.log(
      `  CPU per deal: workers ${c.workersMsPerDeal.toFixed(1)} ms, bench process (the fake) ${c.benchMsPerDeal.toFixed(1)} ms, PostgreSQL backends ${c.postgresMsPerDeal.toFixed(1)} ms = ${c.msPerDeal.toFixed(1)} ms; they used ${c.oursCores.toFixed(2)} cores, other processes ${c.othersCores.toFixed(2)}`,
    );
  }
  console.log(`  opportunities in the fake: ${result.opportunities} for ${result.items} items; duplicates: ${result.duplicates}, lost: ${result.lost} (goals 0 and 0)`);
  console.log(`  items: ${formatStates(result.states)}`);
}

// ---- (3) faults -----------------------------------------------------------------------
async function faultsRun() {
  const cm = await startChartMogulServer({ rateLimit: { requests: rate, windowMs: 1000 } });
  fakes.push(cm);
  const destination = await createChartMogulDestination(cm, { requestsPerSecond: destinationRate });
  cm.setRandomFaults({ serverErrorRate: 0.05, dropAfterHandlingRate: 0.01, seed: 42 });
  const { runId, seconds } = await pushAll(destination.id);
  cm.setRandomFaults(null);

  const { items, opportunities, duplicates, lost } = await countDuplicatesAndLost(cm, runId);
  const injected500 = cm.requests.filter((r) => r.status === 500).length;
  const dropped = cm.requests.filter((r) => r.status === "dropped").length;
  const throttled = cm.requests.filter((r) => r.status === 429).length;
  const states = await itemStates(runId);

  console.log(`\n(3) faults: ${dealCount.toLocaleString()} deals, 5% 5xx + 1% dropped-after-write, fresh fake`);
  console.log(`  elapsed ${seconds.toFixed(1)} s, ${cm.requests.length} requests (${injected500} × 500, ${dropped} dropped, ${throttled} × 429)`);
  console.log(`  opportunities in the fake: ${opportunities} for ${items} items`);
  console.log(`  duplicates: ${duplicates} (goal 0)`);
  console.log(`  lost: ${lost} (goal 0)`);
  console.log(`  items: ${formatStates(states)}`);
  return { duplicates, lost };
}

/** The one-minute load average, as `uptime` shows it. */
function loadAverage() {
  return os.loadavg()[0].toFixed(1);
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
