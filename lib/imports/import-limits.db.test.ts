// Hostile files against the real importer: a gzip that inflates past the configured cap is
// refused by name and leaves nothing behind; a file rejecting every row stores at most
// MAX_STORED_PROBLEMS problems and counts the rest per code.
import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { saveSourceReview } from "@/lib/sources/save-source-review";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import type { S3Server } from "@/sandbox/s3";
import { DEMO_BUCKET } from "@/sandbox/seed-data";
import { describeProblemsNotStored, MAX_STORED_PROBLEMS } from "./import-problem-writer";
import { startImport } from "./start-import";
import { createS3Source, startSeededS3 } from "./test/import-fixtures";

const db = connectTestDatabase();
let s3: S3Server;

beforeAll(async () => {
  s3 = await startSeededS3();
});
afterAll(async () => {
  await s3.stop();
  await disconnectDb();
});
beforeEach(truncateAll);
afterEach(() => vi.unstubAllEnvs());

const stageObject = (id: string, amount: string) => `{"id":"${id}","amount":"${amount}","currency":"USD","email":"buyer@example.com","closed_date":"2027-01-05T00:00:00Z"}\n`;

async function importPrefix(prefix: string) {
  const source = await createS3Source(s3, { name: `Dreamdata ${prefix}`, prefix, format: "dreamdata" });
  // These drops are mostly rejected rows on purpose: apply them rather than hold them for review.
  await saveSourceReview({ sourceId: source.id, mode: "never" }, null);
  return { source, outcome: await (await startImport({ source: source.id, trigger: "cli", actor: null })).done };
}

describe("import limits", () => {
  it("refuses a 10 MB gzip that inflates past the configured cap, naming the file, and leaves no rows behind", async () => {
    // Random notes keep the ratio low (about 1.3:1), so it is the size cap that trips, not the ratio.
    const lines: string[] = [];
    for (let i = 0; i < 7_000; i++) lines.push(stageObject(`D-${i}`, "100").replace("}\n", `,"note":"${randomBytes(1536).toString("base64")}"}\n`));
    const compressed = gzipSync(lines.join(""), { level: 1 });
    expect(compressed.length).toBeGreaterThanOrEqual(10 * 1024 * 1024);
    s3.putObject(DEMO_BUCKET, "bomb/stages.ndjson.gz", compressed);
    vi.stubEnv("DEALPORT_IMPORT_MAX_DECOMPRESSED_MB", "8");

    const { source, outcome } = await importPrefix("bomb/");
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toMatch(/^stages\.ndjson\.gz could not be read: it inflates to more than 8 MB, the limit for decompressed data/);
    const problems = await db.importProblem.findMany({ where: { runId: outcome.runId } });
    expect(problems).toEqual([expect.objectContaining({ file: "stages.ndjson.gz", line: null, code: "decompression_limit" })]);
    expect(await db.deal.count({ where: { sourceId: source.id } })).toBe(0);
  });

  it(`keeps the first ${MAX_STORED_PROBLEMS} problems of a run in full and counts the rest per code`, async () => {
    const extra = 57;
    const text = [stageObject("OK-1", "100"), ...Array.from({ length: MAX_STORED_PROBLEMS + extra }, (_, i) => stageObject(`BAD-${i}`, "lots"))].join("");
    s3.putObject(DEMO_BUCKET, "rejects/stages.ndjson", Buffer.from(text));

    const { outcome } = await importPrefix("rejects/");
    expect(outcome.status).toBe("succeeded");
    expect(outcome.counts).toMatchObject({ new: 1, rejected: MAX_STORED_PROBLEMS + extra, problems: { error: MAX_STORED_PROBLEMS + extra } });
    expect(outcome.counts.problemsNotStored).toEqual({ invalid_amount: extra });
    expect(await db.importProblem.count({ where: { runId: outcome.runId } })).toBe(MAX_STORED_PROBLEMS);
    const run = await db.importRun.findUniqueOrThrow({ where: { id: outcome.runId } });
    expect(describeProblemsNotStored((run.counts as { problemsNotStored?: Record<string, number> }).problemsNotStored)).toBe(
      `Only the first 10,000 problems were kept in full; ${extra} more were counted but not stored (invalid_amount: ${extra}).`,
    );
  });
});
