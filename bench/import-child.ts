// bench:import's importing process: one import of the given source, alone in its process so
// its peak RSS is the importer's own. It loads only what an import needs (not the bench's
// generator, S3 sandbox or migrations), and measures the process before the import starts (the
// baseline: runtime, modules, open connection) and while it runs (heap and buffers sampled).
//
//   tsx bench/import-child.ts <source id>   → one JSON ImportChildResult on stdout
import { disconnectDb, getDb } from "@/lib/db/client";
import type { ImportOutcome } from "@/lib/imports/run-import";
import { startImport } from "@/lib/imports/start-import";

export interface ImportChildResult {
  outcome: ImportOutcome;
  ms: number;
  /** Peak RSS of the whole process, and the RSS before the import started. */
  maxRssKb: number;
  baselineRssKb: number;
  /** Peaks seen by sampling every 100 ms: V8's heap in use, and buffers outside it (Buffers, COPY chunks). */
  peakHeapUsedKb: number;
  peakExternalKb: number;
}

const sourceId = process.argv[2];
// A running app has its database connection open already: so does this process before the clock starts.
await getDb().$queryRaw`select 1`;
const baselineRssKb = process.resourceUsage().maxRSS;
let peakHeapUsed = 0;
let peakExternal = 0;
const sample = () => {
  const usage = process.memoryUsage();
  peakHeapUsed = Math.max(peakHeapUsed, usage.heapUsed);
  peakExternal = Math.max(peakExternal, usage.external);
};
const sampler = setInterval(sample, 100);
const started = performance.now();
const outcome = await (await startImport({ source: sourceId, trigger: "cli", actor: null })).done;
const ms = performance.now() - started;
clearInterval(sampler);
sample();
const result: ImportChildResult = {
  outcome,
  ms,
  maxRssKb: process.resourceUsage().maxRSS,
  baselineRssKb,
  peakHeapUsedKb: Math.round(peakHeapUsed / 1024),
  peakExternalKb: Math.round(peakExternal / 1024),
};
await disconnectDb();
process.stdout.write(JSON.stringify(result));
process.exit(0);
