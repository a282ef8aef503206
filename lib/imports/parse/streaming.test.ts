// Memory stays flat however big the file: a ~50 MB deals.csv is generated on the fly (never
// held whole), parsed end to end, and the live heap is sampled after forced GCs.
import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { parseJointflowsDeals } from "./jointflows";
import { testExponentOf } from "./test-support";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const TARGET_BYTES = 50 * 1024 * 1024;
const MB = 1024 * 1024;

/** A deals.csv of about `targetBytes`, produced in 64 KB chunks with a few messy rows sprinkled in. */
async function* generateDealsCsv(targetBytes: number): AsyncGenerator<Buffer> {
  let produced = 0;
  let chunk = "\uFEFFName;target_close_date;owner_email;value;deal_unique_id;account_unique_id;deal_stage;description\r\n";
  for (let i = 0; produced < targetBytes; i++) {
    const description = i % 97 === 0 ? `"multi\r\nline ""quoted"" note ${i}"` : `Plain note for deal number ${i}`;
    const date = i % 1009 === 0 ? "03/04/2027" : `2027-0${(i % 9) + 1}-1${i % 10}`;
    chunk += `Deal ${i} Société;${date};owner${i % 50}@example.com;${i % 1000}.${i % 10}00,5${i % 10};D-${i};A-${i % 5000};Stage ${i % 7};${description}\r\n`;
    if (chunk.length >= 65536) {
      const bytes = Buffer.from(chunk, "utf8");
      produced += bytes.length;
      chunk = "";
      yield bytes;
    }
  }
  if (chunk) yield Buffer.from(chunk, "utf8");
}

function liveHeapMb(): number {
  gc();
  return process.memoryUsage().heapUsed / MB;
}

async function measure(trackDuplicates: boolean) {
  const baseline = liveHeapMb();
  const samples: number[] = [];
  let records = 0;
  let rejected = 0;
  let batches = 0;
  let lastLine = 0;
  let bytesRead = 0;
  let peakRss = 0;
  const started = performance.now();
  for await (const batch of parseJointflowsDeals(generateDealsCsv(TARGET_BYTES), {
    file: "deals.csv",
    exponentOf: testExponentOf,
    defaultCurrency: "EUR",
    trackDuplicates,
  })) {
    records += batch.records.length;
    rejected += batch.problems.filter((p) => p.severity === "error").length;
    lastLine = batch.progress.line;
    bytesRead = batch.progress.bytesRead;
    // Sample the live heap every ~50 batches (a forced GC each time is slow).
    if (++batches % 50 === 0) {
      samples.push(liveHeapMb() - baseline);
      peakRss = Math.max(peakRss, process.memoryUsage().rss / MB);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { baseline, samples, records, rejected, batches, lastLine, bytesRead, seconds, peakRss };
}

describe("streaming a ~50 MB deals.csv", () => {
  it("keeps the live heap flat (duplicate tracking off)", { timeout: 300_000 }, async () => {
    const result = await measure(false);
    const first = result.samples[0];
    const peak = Math.max(...result.samples);
    console.log(
      `[streaming, trackDuplicates=false] ${(result.bytesRead / MB).toFixed(1)} MB, ${result.records} deals + ${result.rejected} rejected, ` +
        `${result.lastLine} lines in ${result.seconds.toFixed(1)} s (${Math.round(result.records / result.seconds)} rows/s); ` +
        `live heap over baseline: first sample ${first.toFixed(1)} MB, peak ${peak.toFixed(1)} MB, last ${result.samples.at(-1)!.toFixed(1)} MB ` +
        `(${result.samples.length} samples); peak RSS of the test worker ${Math.round(result.peakRss)} MB`,
    );
    expect(result.bytesRead).toBeGreaterThan(TARGET_BYTES * 0.95);
    expect(result.records).toBeGreaterThan(300_000);
    expect(result.rejected).toBeGreaterThan(0); // the sprinkled ambiguous dates
    // Flat: the peak is close to the first sample, nowhere near the file size.
    expect(peak).toBeLessThan(first + 16);
    expect(peak).toBeLessThan(32);
  });

  it("grows only by the duplicate-tracking map when it is on", { timeout: 300_000 }, async () => {
    const result = await measure(true);
    const peak = Math.max(...result.samples);
    console.log(
      `[streaming, trackDuplicates=true] ${result.records} deals in ${result.seconds.toFixed(1)} s; ` +
        `live heap over baseline: first ${result.samples[0].toFixed(1)} MB, peak ${peak.toFixed(1)} MB ` +
        `(≈ ${Math.round((peak * MB) / result.records)} bytes per tracked id)`,
    );
    // One Map entry per id (~100 bytes): well under the size of the file or of the parsed rows.
    expect(peak).toBeLessThan(80);
  });
});
