// Helpers for the parse tests: build byte fixtures in memory and drain the generators.
import type { ImportProblem } from "./problems";
import type { FileSummary, ImportBatch } from "./csv-format";

/** Splits bytes into small chunks so tests cross every boundary (BOM, multi-byte characters, CRLF, quotes). */
export function chunked(bytes: Buffer | string, size: number): Buffer[] {
  const buffer = typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes;
  const out: Buffer[] = [];
  for (let at = 0; at < buffer.length; at += size) out.push(buffer.subarray(at, at + size));
  return out;
}

/** Drains an import parser: all records, all problems, batch sizes. */
export async function drain<T>(batches: AsyncIterable<ImportBatch<T>>) {
  const records: T[] = [];
  const problems: ImportProblem[] = [];
  const batchSizes: number[] = [];
  let summary: FileSummary | undefined;
  for await (const batch of batches) {
    records.push(...batch.records);
    problems.push(...batch.problems);
    batchSizes.push(batch.records.length);
    summary = batch.summary ?? summary;
  }
  return { records, problems, batchSizes, summary, errors: problems.filter((p) => p.severity === "error") };
}

/** Decimal exponents for the currencies the tests use (lib/currency has the real ISO 4217 table). */
export const testExponentOf = (currency: string): number | undefined =>
  ({ EUR: 2, USD: 2, GBP: 2, JPY: 0, BHD: 3 })[currency];
