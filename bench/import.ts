// bench:import — generates a large Jointflows drop (deals.csv + accounts.csv) and, on the same
// PostgreSQL in the same run, measures:
//   raw      `psql \copy` of deals.csv into a plain table with a primary key;
//   floor    `psql \copy` of the same deals in Deal's columns into an unindexed copy of Deal,
//            then building every index Deal has (trigram GIN included): what browse needs;
//   imports  through the real pipeline (file store → decode → parse → COPY into staging →
//            set-based apply), each in a child process so its peak RSS is the importer's own:
//            first import into an empty source, unchanged re-import (ETag skip), re-import with
//            1% of the deals changed (vs a plain parse of the file);
//   rollback of the 1%-changed re-import, then of the first import, vs the imports' times.
// Prints each import's breakdown (where its time went), ratios and targets. The machine may be
// shared: ratios compare figures taken minutes apart in the same run, never absolute times.
//
//   npm run bench:import -- [--rows 1000000] [--s3] [--memory-only]
//
// DATABASE_URL picks the server (default: the embedded one). --s3 reads through the sandbox S3,
// which runs in this (parent) process, so the importer's RSS does not include the files.
// --memory-only: the three imports, their breakdowns and peak RSS, nothing else (no raw, floor,
// plain parse or rollbacks): minutes less when only memory or one phase is being looked at.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { saveCredential } from "@/lib/credentials/save-credential";
import { disconnectDb } from "@/lib/db/client";
import { copyText } from "@/lib/db/copy-from-stdin";
import { resolveDatabase } from "@/lib/db/database-url";
import { createDatabaseIfMissing } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrations";
import { parseJointflowsDeals } from "@/lib/imports/parse";
import type { PhaseTimes } from "@/lib/imports/phase-timings";
import { rollbackImport } from "@/lib/imports/rollback-import";
import { saveSource } from "@/lib/sources/save-source";
import { DEMO_S3_CREDENTIALS } from "@/sandbox/index";
import { startS3Server } from "@/sandbox/s3";
import { ensureDatabaseExists } from "./bench-server";
import type { ImportChildResult } from "./import-child";

const { values } = parseArgs({ options: { rows: { type: "string" }, s3: { type: "boolean" }, "memory-only": { type: "boolean" } }, strict: true });
const memoryOnly = values["memory-only"] ?? false;

const ROWS = Number(values.rows ?? 1_000_000);
const ACCOUNTS = Math.max(1, Math.round(ROWS / 5));
const STAGES = ["Discovery", "Qualification", "Proposal", "Negotiation", "Closed Won", "Closed Lost"];
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const verdict = (ok: boolean) => (ok ? "met" : "NOT met");

async function write(file: string, lines: Iterable<string>) {
  const out = createWriteStream(file);
  let chunk = "";
  for (const line of lines) {
    chunk += line;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
      chunk = "";
    }
  }
  out.end(chunk);
  await new Promise<void>((r) => out.once("finish", () => r()));
}

function dealOf(i: number, changedEvery = 0) {
  const account = ((i * 7919) % ACCOUNTS) + 1;
  return {
    name: `Deal ${i} for account ${account}`,
    closeDate: `2027-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`,
    owner: `owner${i % 97}@example.com`,
    value: (i % 5000) * 10 + 0.5,
    account,
    stage: STAGES[(i + (changedEvery && i % changedEvery === 0 ? 1 : 0)) % STAGES.length],
    pipeline: `Pipeline ${i % 4}`,
    description: i % 10 === 0 ? `Renewal, with "priority" support` : `Deal number ${i}`,
  };
}

function* dealLines(changedEvery = 0) {
  yield "Name,target_close_date,owner_email,value,deal_unique_id,account_unique_id,deal_stage,pipeline_id,currency,description,account_name\n";
  for (let i = 1; i <= ROWS; i++) {
    const d = dealOf(i, changedEvery);
    const description = d.description.includes(",") ? `"${d.description.replaceAll('"', '""')}"` : d.description;
    yield `${d.name},${d.closeDate},${d.owner},${d.value},D-${i},A-${d.account},${d.stage},${d.pipeline},USD,${description},Account ${d.account}\n`;
  }
}

const FLOOR_COLUMNS = `id, "sourceId", "externalId", "accountExternalId", name, stage, pipeline, owner, "amountMinor", currency, "amountBaseMinor", "closeDate",
  properties, "contentHash", provenance, "lastImportStatus", "firstSeenRunId", "lastSeenRunId", "updatedAt"`;

/** The same deals in Deal's columns (COPY text format), for the floor. */
function* floorLines() {
  for (let i = 1; i <= ROWS; i++) {
    const d = dealOf(i);
    const amount = Math.round(d.value * 100);
    const properties = copyText(JSON.stringify({ description: d.description }));
    const provenance = copyText(JSON.stringify({ sourceId: "bench", runId: "bench", file: "deals.csv", line: i + 1 }));
    yield `${randomUUID()}\tbench\tD-${i}\tA-${d.account}\t${d.name}\t${d.stage}\t${d.pipeline}\t${d.owner}\t${amount}\tUSD\t${amount}\t${d.closeDate}\t${properties}\t${i.toString(16)}\t${provenance}\tnew\tbench\tbench\t2026-12-01 00:00:00\n`;
  }
}

function* accountLines() {
  yield "name,unique_id,url,industry\n";
  for (let a = 1; a <= ACCOUNTS; a++) yield `Account ${a},A-${a},https://account${a}.example,Industry ${a % 20}\n`;
}

const dir = mkdtempSync(path.join(tmpdir(), "dealport-bench-"));
const dealsFile = path.join(dir, "deals.csv");
// The folder source may read the drop (and only it).
process.env.DEALPORT_IMPORT_ROOTS = dir;
const floorFile = path.join(tmpdir(), `dealport-bench-floor-${process.pid}.tsv`);
log(`generating ${ROWS.toLocaleString("en")} deals over ${ACCOUNTS.toLocaleString("en")} accounts in ${dir}`);
await write(dealsFile, dealLines());
await write(path.join(dir, "accounts.csv"), accountLines());
if (!memoryOnly) await write(floorFile, floorLines());
log(`deals.csv is ${Math.round(statSync(dealsFile).size / 1024 / 1024)} MB`);

process.env.DEALPORT_SECRET_KEY ??= randomBytes(32).toString("base64");
const server = await resolveDatabase(log);
await ensureDatabaseExists(server.url, log);
const name = `dealport_bench_${Date.now()}`;
await createDatabaseIfMissing(server.url, name);
const url = new URL(server.url);
url.pathname = `/${name}`;
const databaseUrl = url.toString();
process.env.DATABASE_URL = databaseUrl;
let s3: Awaited<ReturnType<typeof startS3Server>> | null = null;
async function cleanUp() {
  await disconnectDb();
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`drop database if exists ${admin.escapeIdentifier(name)} with (force)`);
  await admin.end();
  await s3?.stop();
  // The embedded server is left running: other processes (tests, the app) may be using it.
  rmSync(dir, { recursive: true, force: true });
  rmSync(floorFile, { force: true });
}
process.on("uncaughtException", (error) => {
  console.error(error);
  void cleanUp().finally(() => process.exit(1));
});
await migrate(databaseUrl);

const sql = async (text: string) => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
};
// WAL written and checkpoints started over a step (server-wide: run it on a quiet server). Big
// writes spend server time on both, and with max_wal_size (1 GB by default) a growing run
// meets more checkpoints, each followed by full-page images of every page it touches again.
const checkpointCount = (await sql(`show server_version_num`)).rows[0].server_version_num >= 170000
  ? `(select num_timed + num_requested from pg_stat_checkpointer)`
  : `(select checkpoints_timed + checkpoints_req from pg_stat_bgwriter)`;
async function serverWork<T>(work: () => Promise<T>): Promise<[T, string]> {
  const before = (await sql(`select pg_current_wal_lsn()::text as lsn, ${checkpointCount} as checkpoints`)).rows[0];
  const result = await work();
  const after = (await sql(`select pg_wal_lsn_diff(pg_current_wal_lsn(), '${before.lsn}') as wal, ${checkpointCount} - ${before.checkpoints} as checkpoints`)).rows[0];
  return [result, `WAL ${(Number(after.wal) / 1024 ** 3).toFixed(2)} GB, ${after.checkpoints} checkpoints`];
}
const psql = (command: string) => execFileSync("psql", [databaseUrl, "-v", "ON_ERROR_STOP=1", "-qc", command], { stdio: ["ignore", "ignore", "inherit"] });
const timed = async <T>(work: () => T | Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
};

let sourceId: string;
if (values.s3) {
  s3 = await startS3Server({ credentials: [DEMO_S3_CREDENTIALS] });
  for (const file of ["deals.csv", "accounts.csv"]) s3.putObject("bench", `drop/${file}`, await readFile(path.join(dir, file)));
  const { credential } = await saveCredential({ kind: "s3", name: "bench", endpoint: s3.endpoint, secret: DEMO_S3_CREDENTIALS }, null);
  sourceId = (await saveSource({ kind: "s3_flatfile", name: "bench", format: "jointflows", credentialId: credential.id, location: { bucket: "bench", prefix: "drop/", endpoint: s3.endpoint } }, null)).source.id;
} else {
  sourceId = (await saveSource({ kind: "file_folder", name: "bench", format: "jointflows", location: { path: dir } }, null)).source.id;
}

/** One import in a child process (its own peak RSS); the parent only waits. */
async function childImport(label: string, warm = false): Promise<ImportChildResult & { serverWork: string }> {
  const [result, work] = await serverWork(() => importInChild(label, warm));
  return { ...result, serverWork: work };
}

async function importInChild(label: string, warm: boolean): Promise<ImportChildResult> {
  const child = spawn(process.execPath, [...process.execArgv, path.join(import.meta.dirname, "import-child.ts"), sourceId, ...(warm ? ["--warm"] : [])], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`${label}: the import process exited with ${code}`);
  const result = JSON.parse(out) as ImportChildResult;
  const { outcome } = result;
  if (outcome.status === "failed") throw new Error(`${label} failed: ${outcome.error}`);
  log(`${label}: ${outcome.status} in ${seconds(result.ms)} (${outcome.counts.new} new, ${outcome.counts.changed} changed, ${outcome.counts.unchanged} unchanged), peak RSS ${mb(result.maxRssKb)} (${mb(result.baselineRssKb)} before it started; peaks: heap used ${mb(result.peakHeapUsedKb)}, buffers ${mb(result.peakExternalKb)})`);
  return result;
}

/** The three imports: first, unchanged (warm), then 1% of the deals changed. */
async function threeImports() {
  const full = await childImport("first import");
  const unchanged = await childImport("re-import, unchanged", true);
  await write(dealsFile, dealLines(100));
  if (s3) s3.putObject("bench", "drop/deals.csv", await readFile(dealsFile));
  return { full, unchanged, changed: await childImport("re-import, 1% changed") };
}

const peakRssLine = ({ full, unchanged, changed }: Awaited<ReturnType<typeof threeImports>>) =>
  `  peak RSS of the importing process      first ${mb(full.maxRssKb)}, unchanged ${mb(unchanged.maxRssKb)}, 1% changed ${mb(changed.maxRssKb)} (target < 300 MB: ${verdict(Math.max(full.maxRssKb, changed.maxRssKb) < 300 * 1024)})
      baseline: the same process before its import (runtime, modules, connection) ${mb(full.baselineRssKb)}; first import's own growth ${mb(full.maxRssKb - full.baselineRssKb)}
      (flat with size: compare this line across --rows 200000, 1000000 and 5000000; target within ±20%)`;

const breakdown = (timings: PhaseTimes, total: number) =>
  Object.entries(timings)
    .map(([phase, ms]) => `      ${phase.padEnd(48)} ${seconds(ms).padStart(9)}  ${((ms / total) * 100).toFixed(0).padStart(3)}%`)
    .join("\n");

if (memoryOnly) {
  const imports = await threeImports();
  await cleanUp();
  const { full, changed } = imports;
  console.log(`\nDealport import bench (--memory-only) — ${ROWS.toLocaleString("en")} deals, source ${values.s3 ? "sandbox S3" : "local folder"}, ${server.kind} PostgreSQL
  first import ${seconds(full.ms)} (${full.serverWork})
${breakdown(full.outcome.timings, full.ms)}
  re-import 1% changed ${seconds(changed.ms)} (${changed.serverWork})
${breakdown(changed.outcome.timings, changed.ms)}
${peakRssLine(imports)}`);
  process.exit(0);
}

// Raw: \copy into a plain table with a primary key.
await sql(`create table bench_raw (name text, target_close_date text, owner_email text, value text, deal_unique_id text primary key,
  account_unique_id text, deal_stage text, pipeline_id text, currency text, description text, account_name text)`);
const [[, rawMs], rawWork] = await serverWork(() => timed(() => psql(`\\copy bench_raw from '${dealsFile}' with (format csv, header true)`)));
await sql(`drop table bench_raw`);
log(`raw \\copy: ${seconds(rawMs)}`);

// Floor: \copy into Deal's columns with no index, then every index Deal has, built after the load.
const indexes = (await sql(`select indexname, indexdef from pg_indexes where tablename = 'Deal' order by indexname`)).rows as { indexname: string; indexdef: string }[];
await sql(`create table bench_floor (like "Deal" including defaults)`);
const [{ floorCopyMs, floorIndexMs }, floorWork] = await serverWork(async () => {
  const [, copyMs] = await timed(() => psql(`\\copy bench_floor (${FLOOR_COLUMNS.replaceAll("\n", " ")}) from '${floorFile}'`));
  const [, indexMs] = await timed(async () => {
    for (const [n, index] of indexes.entries()) {
      await sql(index.indexdef.replace(/INDEX "?[^" ]+"? ON (\S+\.)?"Deal"/, `INDEX bench_floor_${n} ON bench_floor`));
    }
  });
  return { floorCopyMs: copyMs, floorIndexMs: indexMs };
});
await sql(`drop table bench_floor`);
const floorMs = floorCopyMs + floorIndexMs;
log(`floor: \\copy ${seconds(floorCopyMs)} + ${indexes.length} indexes ${seconds(floorIndexMs)}`);

async function timedRollback(label: string, runId: string) {
  const [[result, ms], work] = await serverWork(() => timed(() => rollbackImport(runId, {}, null, "cli")));
  const counts = result.runs[0].counts;
  log(`${label}: ${seconds(ms)} (${counts.new} back, ${counts.changed} changed back, ${counts.removed} removed)`);
  return { ms, timings: result.timings, serverWork: work };
}

const imports = await threeImports();
const { full, unchanged, changed } = imports;

// Plain parse of the same (changed) file: the parser alone, no database.
let parsed = 0;
const [, parseMs] = await timed(async () => {
  for await (const batch of parseJointflowsDeals(createReadStream(dealsFile), { file: "deals.csv", exponentOf: () => 2, trackDuplicates: false })) parsed += batch.records.length;
});

const rollbackChanged = await timedRollback("rollback of the 1%-changed re-import", changed.outcome.runId);
const rollbackFull = await timedRollback("rollback of the first import", full.outcome.runId);
await cleanUp();

console.log(`
Dealport import bench — ${ROWS.toLocaleString("en")} deals, ${ACCOUNTS.toLocaleString("en")} accounts, source ${values.s3 ? "sandbox S3" : "local folder"}, ${server.kind} PostgreSQL
(all figures from this run, one after the other; ratios compare them, so a busy machine slows both sides)

  raw \\copy (plain table + primary key)   ${seconds(rawMs)}   (${rawWork})
  floor: \\copy into unindexed Deal copy   ${seconds(floorCopyMs)} + building Deal's ${indexes.length} indexes ${seconds(floorIndexMs)} = ${seconds(floorMs)}   (${floorWork})
  first import                           ${seconds(full.ms)}   ${Math.round(ROWS / (full.ms / 1000)).toLocaleString("en")} rows/s   (${full.serverWork})
      vs floor ${ratio(full.ms, floorMs)} (target ≤ 1.5×: ${verdict(full.ms <= 1.5 * floorMs)}), vs raw \\copy ${ratio(full.ms, rawMs)} (target ≤ 6.5×: ${verdict(full.ms <= 6.5 * rawMs)})
    breakdown (the staging COPY runs on the server while the parse goes on: it overlaps "read + decode + parse"; the rest is one after the other):
${breakdown(full.outcome.timings, full.ms)}
  re-import unchanged                    ${seconds(unchanged.ms)}   (target < 1 s: ${verdict(unchanged.ms < 1000)}; the run opens its own connection, as in the app;
                                         in a warm process, as in a running app: the first one in the process took ${seconds(unchanged.coldMs ?? 0)})
    breakdown:
${breakdown(unchanged.outcome.timings, unchanged.ms)}
  re-import 1% changed                   ${seconds(changed.ms)}   (${changed.serverWork})   vs plain parse ${seconds(parseMs)} (${parsed.toLocaleString("en")} rows): ${ratio(changed.ms, parseMs)} (target ≤ 1.5×: ${verdict(changed.ms <= 1.5 * parseMs)})
    breakdown:
${breakdown(changed.outcome.timings, changed.ms)}
  rollback of the 1%-changed re-import   ${seconds(rollbackChanged.ms)}   ${ratio(rollbackChanged.ms, changed.ms)} its import (target ≤ 1.00×: ${verdict(rollbackChanged.ms <= changed.ms)})   (${rollbackChanged.serverWork})
  rollback of the first import           ${seconds(rollbackFull.ms)}   ${ratio(rollbackFull.ms, full.ms)} its import (target ≤ 1.00×: ${verdict(rollbackFull.ms <= full.ms)})   (${rollbackFull.serverWork})
    breakdown:
${breakdown(rollbackFull.timings, rollbackFull.ms)}
${peakRssLine(imports)}`);
process.exit(0);
