// bench:import's importing process: one import of the given source, alone in its process so
// its peak RSS is the importer's own. It runs what `dealport import <source>` runs (the CLI's
// V8 flags, its import command: find the source, start, wait, list the problems), not the
// bench's generator, S3 sandbox or migrations, and measures the process before the import
// starts (the baseline: runtime, modules, open connection) and while it runs (heap and buffers sampled).
//
//   tsx bench/import-child.ts <source id> [--warm]   → one JSON ImportChildResult on stdout
//
// --warm: a running app has loaded its modules and prepared its queries; this process (tsx)
// transpiles each module and Prisma compiles each query the first time, so the same import runs
// once before the one measured.
import "../cli/runtime-flags.mjs";
import { importCommand } from "../cli/commands/import";
import { disconnectDb, getDb } from "@/lib/db/client";
import { readDatabaseUrl } from "@/lib/env";
import type { StartedImportOutcome } from "@/lib/imports/start-import";

export interface ImportChildResult {
  outcome: StartedImportOutcome;
  ms: number;
  /** Peak RSS of the whole process, and the RSS before the import started. */
  maxRssKb: number;
  baselineRssKb: number;
  /** Peaks seen by sampling every 100 ms: V8's heap in use, and buffers outside it (Buffers, COPY chunks). */
  peakHeapUsedKb: number;
  peakExternalKb: number;
  /** With --warm: the first run of the same import in this process, before the one measured. */
  coldMs?: number;
}

const [sourceId, warm] = [process.argv[2], process.argv[3] === "--warm"];
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
async function importOnce() {
  const started = performance.now();
  let outcome: StartedImportOutcome | undefined;
  // The command's first progress line comes once the run has started.
  let startMs: number | undefined;
  const out = {
    json: true,
    progress: () => (startMs ??= performance.now() - started),
    result: (_human: string, data: unknown) => (outcome = data as StartedImportOutcome),
  };
  // A failed run throws after its result: the outcome says why.
  await importCommand.run([sourceId], out, { url: readDatabaseUrl(), kind: "external" }).catch((error) => {
    if (!outcome) throw error;
  });
  // Before the run's own phases: the source's lock, the run's row, the audit event.
  outcome!.timings = { "start (lock, run row, audit)": startMs ?? 0, ...outcome!.timings };
  return { outcome: outcome!, ms: performance.now() - started };
}
const cold = warm ? await importOnce() : undefined;
const { outcome, ms } = await importOnce();
clearInterval(sampler);
sample();
const result: ImportChildResult = {
  outcome,
  ms,
  maxRssKb: process.resourceUsage().maxRSS,
  baselineRssKb,
  peakHeapUsedKb: Math.round(peakHeapUsed / 1024),
  peakExternalKb: Math.round(peakExternal / 1024),
  coldMs: cold?.ms,
};
await disconnectDb();
process.stdout.write(JSON.stringify(result));
process.exit(0);
