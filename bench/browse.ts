// bench:browse — the deals browse queries at a million deals.
//
// Loads 1,000,000 deals / 50,000 accounts (generated inside PostgreSQL: nothing crosses the
// wire), then runs every distinct browse request through lib/deals — first page, every sort,
// a deep page via cursor, every filter alone and combined (also sorted), text search, the
// "N matching" figure a page shows, the exact count on demand, the select-all total, the
// deals page's stage funnel — each
// --repeat times, round-robin, and prints p50/p95 per query against its target (issue 15),
// the ratio to a plain 50-row primary-key scan measured in the same run, and EXPLAIN for the
// common filters. The database is kept for the next run; --fresh reloads it.
// Server: BENCH_DATABASE_URL (any PostgreSQL >= 15; its database is the bench's) or the
// embedded one (database dealport_bench).
//
//   npm run bench:browse -- [--fresh] [--deals 1000000] [--repeat 20]
import { parseArgs } from "node:util";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/db/generated/client";
import { createDatabaseIfMissing } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrations";
import { benchServer } from "./bench-server";
import type { DealFilter } from "@/lib/deals/deal-filter";
import { DEAL_SORT_COLUMNS, DEAL_SORT_KEYS, type DealSortKey } from "@/lib/deals/deal-sort";
import { listDeals, PAGE_PLANNING } from "@/lib/deals/list-deals";
import { countMatchingDeals, EXACT_COUNT_UP_TO } from "@/lib/deals/count-matching-deals";
import { matchingCountText } from "@/lib/deals/matching-count";
import { countDeals, summarizeSelection } from "@/lib/deals/summarize-deals";
import { getStageFunnel } from "@/lib/deals/stage-funnel";
import { encodeCursor, type KeyValue } from "@/lib/pagination/keyset";

const DEALS = 1_000_000;
const ACCOUNTS = 50_000;

const { values: args } = parseArgs({ options: { fresh: { type: "boolean" }, deals: { type: "string" }, repeat: { type: "string" } } });
const dealCount = args.deals ? Number(args.deals) : DEALS;
const repeat = Number(args.repeat ?? 20);
if (!(dealCount >= 1000 && repeat >= 1)) throw new Error("--deals must be at least 1000 and --repeat at least 1");

const server = await benchServer();
// The bench's own database: the one BENCH_DATABASE_URL names, or dealport_bench beside the server's maintenance database.
const named = decodeURIComponent(new URL(server.url).pathname.slice(1));
const DATABASE = named && named !== "postgres" ? named : "dealport_bench";
const maintenance = new URL(server.url);
maintenance.pathname = "/postgres";
const admin = new pg.Client({ connectionString: maintenance.toString() });
await admin.connect();
if (args.fresh) await admin.query(`drop database if exists ${DATABASE} with (force)`);
await admin.end();
await createDatabaseIfMissing(maintenance.toString(), DATABASE);
const url = new URL(server.url);
url.pathname = `/${DATABASE}`;
await migrate(url.toString());

const sql = new pg.Client({ connectionString: url.toString() });
await sql.connect();

// Every Prisma query is recorded so the bench can EXPLAIN exactly what lib/deals sent.
const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString(), max: 4 }), log: [{ emit: "event", level: "query" }] });
const recorded: { query: string; params: string }[] = [];
db.$on("query", (e) => recorded.push({ query: e.query, params: e.params }));

const STAGES = ["Lead", "Qualified", "Discovery", "Proposal", "Negotiation", "Verbal", "Won", "Lost"];
const PIPELINES = ["New business", "Renewal", "Expansion", "Partner", "Self-serve"];
const WORDS = ["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay", "Soylent", "Cyberdyne", "Tyrell", "Wonka", "Northwind", "Contoso", "Fabrikam", "Aperture", "Massive", "Dynamic", "Oscorp", "Gringotts"];
const KINDS = ["Logistics", "Health", "Foods", "Capital", "Labs", "Energy", "Media", "Retail", "Systems", "Partners"];
const PRODUCTS = ["platform", "renewal", "expansion", "pilot", "enterprise", "seats", "support", "migration"];

async function load() {
  const { rows } = await sql.query(`select count(*)::int as n from "Deal"`);
  if (rows[0].n === dealCount) return false;
  console.error(`Loading ${dealCount.toLocaleString()} deals…`);
  const started = performance.now();
  await sql.query(`truncate "Link", "Deal", "Contact", "Account", "Destination", "Source" cascade`);
  await sql.query(`insert into "Source" (id, name, kind, config, "updatedAt") values
    ('src_s3', 'S3 drop', 's3_flatfile', '{}', now()), ('src_dd', 'Dreamdata', 's3_flatfile', '{}', now()), ('src_exact', 'Exact Sales', 'exact_sales', '{}', now())`);
  await sql.query(`insert into "Destination" (id, name, kind, "updatedAt") values ('dst_cm', 'ChartMogul', 'chartmogul', now()), ('dst_pl', 'Pipeliner', 'pipeliner', now())`);
  await sql.query(
    `insert into "Account" (id, "sourceId", "externalId", name, "contentHash", "updatedAt")
     select 'acc' || lpad(i::text, 7, '0'), 'src_s3', 'A' || i,
            ($1::text[])[1 + (i * 7) % 20] || ' ' || ($2::text[])[1 + (i * 13) % 10] || ' ' || i, 'h', now()
     from generate_series(1, ${ACCOUNTS}) i`,
    [WORDS, KINDS],
  );
  // Bulk-load practice: drop the secondary indexes, insert, build them once at the end.
  const { rows: indexes } = await sql.query(
    `select indexname, indexdef from pg_indexes where tablename = 'Deal' and indexname not in ('Deal_pkey', 'Deal_sourceId_externalId_key')`,
  );
  for (const index of indexes) await sql.query(`drop index "${index.indexname}"`);
  // Skewed like a real pipeline (most deals early-stage, a few owners own most deals), and
  // drawn at random so columns are independent, as in real data; setseed makes it repeatable.
  await sql.query(`select setseed(0.42)`);
  await sql.query(
    `insert into "Deal" (id, "sourceId", "externalId", "accountId", name, stage, pipeline, owner, "amountMinor", currency,
                         "amountBaseMinor", "closeDate", "contentHash", "lastImportStatus", "removedAt", "updatedAt")
     select 'd' || lpad(i::text, 8, '0'),
            (array['src_s3','src_s3','src_dd','src_exact'])[1 + floor(r[1] * 4)::int],
            'D' || i,
            case when r[2] < 0.1 then null else 'acc' || lpad((1 + floor(r[3] * ${ACCOUNTS}))::text, 7, '0') end,
            ($1::text[])[1 + floor(r[4] * 20)::int] || ' ' || ($2::text[])[1 + floor(r[5] * 8)::int] || ' ' || (2025 + floor(r[6] * 4)) || ' #' || i,
            case when r[7] < 0.02 then null else ($3::text[])[1 + floor(8 * power(r[8], 1.6))::int] end,
            case when r[9] < 0.025 then null else ($4::text[])[1 + floor(5 * power(r[10], 1.3))::int] end,
            case when r[11] < 0.03 then null else 'owner' || floor(40 * power(r[12], 2))::int || '@example.com' end,
            amount, cur,
            case when amount is null then null when cur = 'USD' then amount when cur = 'EUR' then amount * 108 / 100 else amount * 127 / 100 end,
            case when r[13] < 0.03 then null else date '2025-01-01' + floor(r[14] * 1460)::int end,
            'h',
            (array['new','changed','unchanged','unchanged','unchanged'])[1 + floor(r[15] * 5)::int],
            case when r[16] < 0.035 then now() else null end,
            now()
     from (select i, r,
                  case when r[17] < 0.05 then null else (1000 + floor(r[18] * 5000000))::bigint * 100 end as amount,
                  (array['USD','USD','EUR','GBP'])[1 + floor(r[19] * 4)::int] as cur
           from (select i, array(select random() from generate_series(1, 19) where i > 0) as r
                 from generate_series(1, ${dealCount}) i) raw) g`,
    [WORDS, PRODUCTS, STAGES, PIPELINES],
  );
  await sql.query(`insert into "Link" (id, "dealId", "destinationId", "externalId") select 'l' || i, 'd' || lpad(i::text, 8, '0'), 'dst_cm', 'cm_' || i from generate_series(1, ${dealCount}, 10) i`);
  await sql.query(`insert into "Link" (id, "dealId", "destinationId", "externalId") select 'm' || i, 'd' || lpad(i::text, 8, '0'), 'dst_pl', 'pl_' || i from generate_series(3, ${dealCount}, 33) i`);
  await sql.query(`set maintenance_work_mem = '512MB'`);
  for (const index of indexes) await sql.query(index.indexdef);
  await sql.query(`vacuum analyze`);
  console.error(`Loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

/** The cursor of the row at `offset` in a sort, read directly (the bench jumps deep without walking). */
async function cursorAt(sort: DealSortKey, dir: "asc" | "desc", offset: number) {
  const col = DEAL_SORT_COLUMNS[sort].column;
  const { rows } = await sql.query(`select id, "${col}" as v from "Deal" where "${col}" is not null order by "${col}" ${dir}, id ${dir} offset $1 limit 1`, [offset]);
  const value: KeyValue = DEAL_SORT_COLUMNS[sort].type === "bigint" ? BigInt(rows[0].v) : rows[0].v;
  return encodeCursor({ value, id: rows[0].id });
}

// Targets (issue 15): a page under 100 ms whatever the filter and sort, a text search under
// 300 ms, the "N matching" figure a page shows under 300 ms. The exact count on demand and the
// selection total (count + sum, computed asynchronously for the selection bar) have none.
const PAGE_MS = 100;
const TEXT_MS = 300;
const COUNT_MS = 300;

/** One distinct request, run `repeat` times; `target` null means measured and printed only. */
type Query = { section: string; label: string; target: number | null; run: () => Promise<unknown> };

const SINGLE_FILTERS: [string, DealFilter][] = [
  ["stage", { stage: ["Won"] }],
  ["stage (several)", { stage: ["Proposal", "Negotiation", "Verbal"] }],
  ["pipeline", { pipeline: ["Renewal"] }],
  ["owner", { owner: ["owner7@example.com"] }],
  ["source", { source: ["src_exact"] }],
  ["account", { account: "acc0001234" }],
  ["close-date range", { closeFrom: "2026-04-01", closeTo: "2026-06-30" }],
  ["amount range", { amountMin: 1_000_000n, amountMax: 5_000_000n }],
  ["status active", { status: "active" }],
  ["status new", { status: "new" }],
  ["status changed", { status: "changed" }],
  ["status removed", { status: "removed" }],
  ["pushed to", { pushedTo: "dst_pl" }],
  ["not pushed to", { notPushedTo: "dst_cm" }],
];
const COMBINED_FILTERS: [string, DealFilter][] = [
  ["stage + pipeline", { stage: ["Won"], pipeline: ["Renewal"] }],
  ["stages + pipelines + owner", { stage: ["Proposal", "Negotiation"], pipeline: ["New business", "Expansion"], owner: ["owner3@example.com"] }],
  ["stage + pipeline + close year + min amount", { stage: ["Won"], pipeline: ["Renewal"], closeFrom: "2026-01-01", closeTo: "2026-12-31", amountMin: 100_000n }],
  ["pipeline + active + not pushed", { pipeline: ["Partner"], status: "active", notPushedTo: "dst_cm" }],
  ["stage + source + changed", { stage: ["Verbal"], source: ["src_s3"], status: "changed" }],
  ["pipeline + close from", { pipeline: ["Renewal"], closeFrom: "2026-01-01" }],
  ["owner + close-date range", { owner: ["owner7@example.com"], closeFrom: "2026-04-01", closeTo: "2026-06-30" }],
];
const TEXT_FILTERS: [string, DealFilter][] = [
  ...["northwind", "globex logistics", "migration", "vandelay 2026", "wonka 88"].map((q): [string, DealFilter] => [`"${q}"`, { q }]),
  ['"hooli" + stage', { q: "hooli", stage: ["Won"] }],
];

async function queries(): Promise<Query[]> {
  const page = (filter: DealFilter, sort: DealSortKey = "name", dir: "asc" | "desc" = "asc", after?: string) => () =>
    listDeals({ filter, sort, dir, limit: 50, after }, db);
  const out: Query[] = [];
  const add = (section: string, label: string, target: number | null, run: () => Promise<unknown>) => out.push({ section, label, target, run });
  add("page", "first page (default sort)", PAGE_MS, page({}));
  for (const sort of DEAL_SORT_KEYS) for (const dir of ["asc", "desc"] as const) add("page", `sort ${sort} ${dir}`, PAGE_MS, page({}, sort, dir));
  for (const sort of DEAL_SORT_KEYS) {
    for (const dir of ["asc", "desc"] as const) add("page", `sort ${sort} ${dir}, page at row ${(dealCount / 2).toLocaleString()}`, PAGE_MS, page({}, sort, dir, await cursorAt(sort, dir, dealCount / 2)));
  }
  for (const [label, filter] of SINGLE_FILTERS) add("page", `filter: ${label}`, PAGE_MS, page(filter));
  for (const [label, filter] of COMBINED_FILTERS) add("page", `filters: ${label}`, PAGE_MS, page(filter));
  for (const [label, filter] of COMBINED_FILTERS.slice(0, 3)) {
    for (const sort of ["amount", "closeDate", "owner"] as const) add("page", `filters: ${label}, by ${sort} desc`, PAGE_MS, page(filter, sort, "desc"));
  }
  for (const [label, filter] of SINGLE_FILTERS.filter(([l]) => ["stage", "pipeline", "owner"].includes(l))) add("page", `filter: ${label}, by amount desc`, PAGE_MS, page(filter, "amount", "desc"));
  for (const [label, filter] of TEXT_FILTERS) add("text search", `search ${label}`, TEXT_MS, page(filter));
  const countFilters = COUNT_FILTERS;
  for (const [label, filter] of countFilters) add("N matching (shown on the page)", label, COUNT_MS, () => countMatchingDeals(filter, {}, db));
  for (const [label, filter] of countFilters) add("exact count on demand", label, null, () => countDeals(filter, db));
  for (const [label, filter] of countFilters.filter(([l]) => ["unfiltered", "stage", "pipeline + close from", '"northwind"'].includes(l))) {
    add("select all matching: count + total (async)", label, null, () => summarizeSelection({ mode: "filter", filter, excludeIds: [] }, db));
    add("stage funnel: count + sum per stage (streamed)", label, null, () => getStageFunnel(filter, db));
  }
  return out;
}

const COUNT_FILTERS: [string, DealFilter][] = [["unfiltered", {}], ...SINGLE_FILTERS, ...COMBINED_FILTERS, ...TEXT_FILTERS];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function explain(label: string, filter: DealFilter, sort: DealSortKey = "name", dir: "asc" | "desc" = "asc", after?: string) {
  recorded.length = 0;
  await listDeals({ filter, sort, dir, limit: 50, after }, db);
  // A page can take up to three index ranges (ties, later values, empty values): explain each one run.
  const segments = recorded.filter((r) => /from "public"\."Deal"/i.test(r.query) && /order by/i.test(r.query));
  for (const [index, segment] of segments.entries()) {
    const params = JSON.parse(segment.params) as unknown[];
    // Planned as listDeals plans a filtered page (an unfiltered one has nothing to choose).
    await sql.query("begin");
    await sql.query(PAGE_PLANNING);
    const { rows } = await sql.query(`explain (analyze, costs off, timing off, summary off) ${segment.query}`, params);
    await sql.query("rollback");
    // Long id lists (the account half of a text search) are cut: the plan shape is what matters.
    const plan = rows.map((r) => (r["QUERY PLAN"] as string).replace(/'\{([^}]{0,60})[^}]*\}'/g, "'{$1…}'"));
    const full = plan.some((line) => /Seq Scan on "?Deal"?/.test(line));
    const part = segments.length > 1 ? ` (range ${index + 1} of ${segments.length})` : "";
    console.log(`\n--- EXPLAIN ${label}${part}${full ? "  ** FULL SCAN **" : ""}\n${plan.join("\n")}`);
  }
}

await load();
const work = await queries();
const baselineQuery = () => sql.query(`select * from "Deal" order by id limit 50`);
// Warm-up: the first touch of each index reads it from disk; steady state is what users feel.
for (const q of work) await q.run();
// Round-robin, so a burst of load on the (shared) machine hits every query alike.
const timings = work.map(() => [] as number[]);
const baseline: number[] = [];
for (let round = 0; round < repeat; round++) {
  for (const [index, q] of work.entries()) {
    const started = performance.now();
    await q.run();
    timings[index].push(performance.now() - started);
  }
  const started = performance.now();
  await baselineQuery();
  baseline.push(performance.now() - started);
}
const baseP50 = percentile([...baseline].sort((a, b) => a - b), 50);
const { rows: version } = await sql.query(`select current_setting('server_version') as v`);
console.log(`\nbench:browse — ${dealCount.toLocaleString()} deals, PostgreSQL ${version[0].v}, each query ${repeat}× (p95 of ${repeat} runs)`);
console.log(`baseline: SELECT * FROM "Deal" ORDER BY id LIMIT 50 — p50 ${baseP50.toFixed(1)} ms`);
let missed = 0;
let section = "";
for (const [index, q] of work.entries()) {
  if (q.section !== section) {
    section = q.section;
    console.log(`\n${section}\n${"  query".padEnd(64)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p50/base".padStart(9)} ${"target".padStart(8)}`);
  }
  const sorted = [...timings[index]].sort((a, b) => a - b);
  const [p50, p95] = [percentile(sorted, 50), percentile(sorted, 95)];
  const verdict = q.target === null ? "" : p95 < q.target ? `< ${q.target}  ok` : `< ${q.target}  MISSED`;
  if (q.target !== null && p95 >= q.target) missed++;
  console.log(`  ${q.label.padEnd(62)} ${p50.toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ${(p50 / baseP50).toFixed(1).padStart(8)}× ${verdict.padStart(8)}`);
}
// What the page shows against the truth: exact up to the threshold, PostgreSQL's estimate above.
console.log(`\nN matching figures (exact up to ${EXACT_COUNT_UP_TO.toLocaleString("en-US")}, else estimated)\n${"  filter".padEnd(52)} ${"shown".padStart(10)} ${"exact".padStart(11)} ${"shown/exact".padStart(12)}`);
for (const [label, filter] of COUNT_FILTERS) {
  const [shown, exact] = await Promise.all([countMatchingDeals(filter, {}, db), countDeals(filter, db)]);
  const ratio = exact ? (shown.count / exact).toFixed(2) : shown.count ? "∞" : "1.00";
  console.log(`  ${label.padEnd(50)} ${matchingCountText(shown).padStart(10)} ${exact.toLocaleString("en-US").padStart(11)} ${ratio.padStart(11)}×`);
}

const targeted = work.filter((q) => q.target !== null).length;
console.log(`\n${targeted - missed} of ${targeted} targets met${missed ? `; ${missed} missed` : ""}`);

await explain("deep page via cursor, by amount desc", {}, "amount", "desc", await cursorAt("amount", "desc", dealCount / 2));
await explain("stage", { stage: ["Won"] });
await explain("stage + pipeline", { stage: ["Won"], pipeline: ["Renewal"] });
await explain("stage + pipeline, by amount desc", { stage: ["Won"], pipeline: ["Renewal"] }, "amount", "desc");
await explain("owner, by close date", { owner: ["owner7@example.com"] }, "closeDate");
await explain("close-date range", { closeFrom: "2026-04-01", closeTo: "2026-06-30" }, "closeDate");
await explain("pushed to", { pushedTo: "dst_pl" });
await explain("text search", { q: "northwind" });
await explain("text search, rare term", { q: "vandelay 2026" });

await db.$disconnect();
await sql.end();
await server.stop();
