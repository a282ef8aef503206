// bench:import — generates a large Jointflows drop (deals.csv + accounts.csv), imports it
// through the real pipeline (file store → decode → papaparse → batches → COPY into staging →
// set-based apply), and compares with loading the same deals.csv with `psql \copy` into a
// plain table with a primary key on the same server, measured in the same run. Then:
// re-import unchanged (ETag skip), re-import with 1% of deals changed vs a plain parse of
// the file. Prints rows/s, ratios and peak RSS.
//
//   npm run bench:import -- [--rows 1000000] [--s3]
//
// Default source: a local folder (file_folder). --s3 reads through the sandbox S3 instead,
// which holds the objects in this process's memory, so its RSS figure includes the files.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { saveCredential } from "@/lib/credentials/save-credential";
import { disconnectDb } from "@/lib/db/client";
import { resolveDatabase } from "@/lib/db/database-url";
import { createDatabaseIfMissing } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrations";
import { ensureDatabaseExists } from "./bench-server";
import { parseJointflowsDeals } from "@/lib/imports/parse";
import { startImport } from "@/lib/imports/start-import";
import { saveSource } from "@/lib/sources/save-source";
import { DEMO_S3_CREDENTIALS } from "@/sandbox/index";
import { startS3Server } from "@/sandbox/s3";

const { values } = parseArgs({ options: { rows: { type: "string" }, s3: { type: "boolean" } }, strict: true });
const ROWS = Number(values.rows ?? 1_000_000);
const ACCOUNTS = Math.max(1, Math.round(ROWS / 5));
const STAGES = ["Discovery", "Qualification", "Proposal", "Negotiation", "Closed Won", "Closed Lost"];
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;

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

function* dealLines(changedEvery = 0) {
  yield "Name,target_close_date,owner_email,value,deal_unique_id,account_unique_id,deal_stage,pipeline_id,currency,description,account_name\n";
  for (let i = 1; i <= ROWS; i++) {
    const account = ((i * 7919) % ACCOUNTS) + 1;
    const stage = STAGES[(i + (changedEvery && i % changedEvery === 0 ? 1 : 0)) % STAGES.length];
    const month = String((i % 12) + 1).padStart(2, "0");
    const day = String((i % 28) + 1).padStart(2, "0");
    const description = i % 10 === 0 ? `"Renewal, with ""priority"" support"` : `Deal number ${i}`;
    yield `Deal ${i} for account ${account},2027-${month}-${day},owner${i % 97}@example.com,${(i % 5000) * 10 + 0.5},D-${i},A-${account},${stage},Pipeline ${i % 4},USD,${description},Account ${account}\n`;
  }
}

function* accountLines() {
  yield "name,unique_id,url,industry\n";
  for (let a = 1; a <= ACCOUNTS; a++) yield `Account ${a},A-${a},https://account${a}.example,Industry ${a % 20}\n`;
}

const dir = mkdtempSync(path.join(tmpdir(), "dealport-bench-"));
const dealsFile = path.join(dir, "deals.csv");
log(`generating ${ROWS.toLocaleString("en")} deals over ${ACCOUNTS.toLocaleString("en")} accounts in ${dir}`);
await write(dealsFile, dealLines());
await write(path.join(dir, "accounts.csv"), accountLines());
log(`deals.csv is ${Math.round(statSync(dealsFile).size / 1024 / 1024)} MB`);

process.env.DEALPORT_SECRET_KEY ??= randomBytes(32).toString("base64");
const server = await resolveDatabase(log);
await ensureDatabaseExists(server.url, log);
const name = `dealport_bench_${Date.now()}`;
await createDatabaseIfMissing(server.url, name);
const url = new URL(server.url);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
await migrate(process.env.DATABASE_URL);

let s3: Awaited<ReturnType<typeof startS3Server>> | null = null;
let sourceId: string;
if (values.s3) {
  s3 = await startS3Server({ credentials: [DEMO_S3_CREDENTIALS] });
  for (const file of ["deals.csv", "accounts.csv"]) s3.putObject("bench", `drop/${file}`, await readFile(path.join(dir, file)));
  const { credential } = await saveCredential({ kind: "s3", name: "bench", endpoint: s3.endpoint, secret: DEMO_S3_CREDENTIALS }, null);
  sourceId = (await saveSource({ kind: "s3_flatfile", name: "bench", format: "jointflows", credentialId: credential.id, location: { bucket: "bench", prefix: "drop/", endpoint: s3.endpoint } }, null)).source.id;
} else {
  sourceId = (await saveSource({ kind: "file_folder", name: "bench", format: "jointflows", location: { path: dir } }, null)).source.id;
}

async function timedImport(label: string) {
  const started = performance.now();
  const outcome = await (await startImport({ source: sourceId, trigger: "cli", actor: null })).done;
  const ms = performance.now() - started;
  if (outcome.status === "failed") throw new Error(`${label} failed: ${outcome.error}`);
  log(`${label}: ${outcome.status} in ${seconds(ms)} s (${outcome.counts.new} new, ${outcome.counts.changed} changed, ${outcome.counts.unchanged} unchanged)`);
  return ms;
}

const fullMs = await timedImport("full import");
const rssAfterImport = process.resourceUsage().maxRSS;
const unchangedMs = await timedImport("re-import, unchanged");

await write(dealsFile, dealLines(100));
if (s3) s3.putObject("bench", "drop/deals.csv", await readFile(dealsFile));
const changedMs = await timedImport("re-import, 1% changed");

// Plain parse of the same (changed) file: the parser alone, no database.
const parseStarted = performance.now();
let parsed = 0;
for await (const batch of parseJointflowsDeals(createReadStream(dealsFile), { file: "deals.csv", exponentOf: () => 2, trackDuplicates: false })) parsed += batch.records.length;
const parseMs = performance.now() - parseStarted;
const peakRss = process.resourceUsage().maxRSS;
await disconnectDb();

// Baseline: psql \copy of the same deals.csv into a plain table with a primary key.
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
await client.query(`create table bench_baseline (name text, target_close_date text, owner_email text, value text, deal_unique_id text primary key,
  account_unique_id text, deal_stage text, pipeline_id text, currency text, description text, account_name text)`);
await client.end();
const copyStarted = performance.now();
execFileSync("psql", [process.env.DATABASE_URL, "-v", "ON_ERROR_STOP=1", "-c", `\\copy bench_baseline from '${dealsFile}' with (format csv, header true)`], { stdio: ["ignore", "ignore", "inherit"] });
const copyMs = performance.now() - copyStarted;

const admin = new pg.Client({ connectionString: server.url });
await admin.connect();
await admin.query(`drop database if exists ${admin.escapeIdentifier(name)} with (force)`);
await admin.end();
await s3?.stop();
// The embedded server is left running: other processes (tests, the app) may be using it.
rmSync(dir, { recursive: true, force: true });

console.log(`
Dealport import bench — ${ROWS.toLocaleString("en")} deals, ${ACCOUNTS.toLocaleString("en")} accounts, source ${values.s3 ? "sandbox S3" : "local folder"}
  full import            ${seconds(fullMs)} s   ${Math.round(ROWS / (fullMs / 1000)).toLocaleString("en")} rows/s
  psql \\copy baseline    ${seconds(copyMs)} s   ${Math.round(ROWS / (copyMs / 1000)).toLocaleString("en")} rows/s   ratio ${(fullMs / copyMs).toFixed(2)}× (goal ≤ 2×)
  re-import unchanged    ${seconds(unchangedMs)} s   (goal < 1 s)
  re-import 1% changed   ${seconds(changedMs)} s   vs plain parse ${seconds(parseMs)} s (${parsed.toLocaleString("en")} rows): ratio ${(changedMs / parseMs).toFixed(2)}× (goal ≤ 1.2×)
  peak RSS               ${mb(peakRss)} (after the full import: ${mb(rssAfterImport)}; goal < 300 MB)`);
process.exit(0);
