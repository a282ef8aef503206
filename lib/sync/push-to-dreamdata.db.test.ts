// Dreamdata only reads full dumps: each push must write every stage object exported so far
// plus the new deals as one gzipped NDJSON file, atomically, in a form the importer reads back.
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findCurrency } from "@/lib/currency/currency-code";
import { parseDreamdataStageObjects } from "@/lib/imports/parse";
import { getDb } from "@/lib/db/client";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { createDreamdataDestination, seedDeals } from "@/lib/test/push-fixtures";
import { startS3Server, type S3Server } from "@/sandbox/s3";
import { createSyncRun } from "./create-sync-run";
import { getSyncRun } from "./get-sync-run";
import { runSyncWorker } from "./run-sync-worker";

connectTestDatabase();
const KEYS = { accessKeyId: "DREAMDATATESTKEY0001", secretAccessKey: "dreamdata-test-secret-00000000000001" };
const FAST = { pollMs: 50, backoffBaseMs: 50, backoffCapMs: 100 };
const DUMP_KEY = "dreamdata/stage-objects.ndjson.gz";
const db = getDb();
let s3: S3Server;

beforeAll(async () => {
  s3 = await startS3Server({ credentials: [KEYS], buckets: { exports: {} } });
});
afterAll(async () => {
  await s3.stop();
  await disconnectDb();
});
beforeEach(truncateAll);

const dumpBytes = () => s3.getObject("exports", DUMP_KEY) ?? Buffer.alloc(0);
const stageObjectsInDump = () =>
  gunzipSync(dumpBytes())
    .toString("utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe("Dreamdata push", () => {
  it("writes the union of earlier pushes and the new selection as gzipped NDJSON, atomically", async () => {
    const destination = await createDreamdataDestination({ endpoint: s3.endpoint, ...KEYS, bucket: "exports" });
    const first = await seedDeals({ count: 2, prefix: "DA" });
    const second = await seedDeals({ count: 1, prefix: "DB", currency: "EUR", amountMinor: 99_900n });

    await createSyncRun({ destinationId: destination.id, selection: { mode: "ids", ids: first } }, null);
    await runSyncWorker({ ...FAST, stopWhenIdle: true });
    expect(stageObjectsInDump().map((o) => o.id)).toEqual(["DA-000001", "DA-000002"]);

    const run = await createSyncRun({ destinationId: destination.id, selection: { mode: "ids", ids: second } }, null);
    await runSyncWorker({ ...FAST, stopWhenIdle: true });
    expect((await getSyncRun(run.id)).counts).toMatchObject({ sent: 1, created: 1 });

    const objects = stageObjectsInDump();
    expect(objects.map((o) => o.id).sort()).toEqual(["DA-000001", "DA-000002", "DB-000001"]);
    // An open deal: no closed_date; created_date is when Dealport first saw it (the source gave none).
    const firstSeen = (await db.deal.findUniqueOrThrow({ where: { id: first[0] } })).createdAt.toISOString().replace(/\.\d{3}Z$/, "Z");
    expect(objects.find((o) => o.id === "DA-000001")).toEqual({
      id: "DA-000001",
      company_id: "ACC-1002",
      email: "finance@globex.example.com",
      name: "Globex Industries - Deal 1",
      currency: "USD",
      created_date: firstSeen,
      amount: 12345,
      properties: { description: "Deal number 1", stage: "Discovery", pipeline: "New Business", owner: "alex.morgan@example.com" },
    });
    expect(objects.find((o) => o.id === "DB-000001")).toMatchObject({ currency: "EUR", amount: 999 });

    // Round trip: the importer reads every line back as a valid stage object.
    const read = { records: [] as { externalId: string; amountMinor: bigint | null }[], errors: [] as unknown[] };
    for await (const batch of parseDreamdataStageObjects(dumpBytes(), { file: DUMP_KEY, exponentOf: (c) => findCurrency(c)?.exponent })) {
      read.records.push(...batch.records);
      read.errors.push(...batch.problems.filter((p) => p.severity === "error"));
    }
    expect(read.errors).toEqual([]);
    expect(read.records.map((r) => [r.externalId, r.amountMinor]).sort()).toEqual([
      ["DA-000001", 1_234_500n],
      ["DA-000002", 1_234_500n],
      ["DB-000001", 99_900n],
    ]);

    // Atomic: staged under a temporary key, then copied over the real name; no temporaries left.
    const puts = s3.requests.filter((r) => r.operation === "PutObject");
    expect(puts.every((r) => r.key?.includes(".dealport-tmp/"))).toBe(true);
    expect(s3.requests.filter((r) => r.operation === "CopyObject").map((r) => r.key)).toContain(DUMP_KEY);
    expect(s3.listKeys("exports").filter((k) => k.includes(".dealport-tmp/"))).toEqual([]);
  });

  it("sends closed_date only for the stages the destination calls closed, the source's created_date, and who the deal belongs to", async () => {
    const destination = await createDreamdataDestination({ endpoint: s3.endpoint, ...KEYS, bucket: "exports" }, { closedStages: "Closed Won, closed lost" });
    const [won] = await seedDeals({ count: 1, prefix: "DW", stage: "Closed Won" });
    const [lost] = await seedDeals({ count: 1, prefix: "DL", stage: "Closed Lost" });
    const [open] = await seedDeals({ count: 1, prefix: "DO", stage: "Proposal" });
    await db.deal.update({ where: { id: won }, data: { sourceCreatedAt: new Date("2026-01-05T08:30:00Z") } });
    const { accountId } = await db.deal.findUniqueOrThrow({ where: { id: won } });
    const source = await db.source.findFirstOrThrow();
    await db.contact.createMany({
      data: [
        { sourceId: source.id, externalId: "23242349233", accountId, firstName: "Ada", email: "ada@acme.example.com", isPrimary: false, contentHash: "x" },
        { sourceId: source.id, externalId: "CT-0001", accountId, firstName: "Maria", email: "maria@acme.example.com", isPrimary: true, contentHash: "x" },
      ],
    });

    await createSyncRun({ destinationId: destination.id, selection: { mode: "ids", ids: [won, lost, open] } }, null);
    await runSyncWorker({ ...FAST, stopWhenIdle: true });
    const byId = new Map(stageObjectsInDump().map((o) => [o.id, o]));
    expect(byId.get("DW-000001")).toMatchObject({
      created_date: "2026-01-05T08:30:00Z",
      closed_date: "2027-03-31T00:00:00Z",
      company_id: expect.any(String),
      contact_id: "CT-0001",
      email: "maria@acme.example.com",
      emails: ["maria@acme.example.com", "ada@acme.example.com"],
    });
    expect(byId.get("DL-000001")).toMatchObject({ closed_date: "2027-03-31T00:00:00Z", created_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/) });
    expect(byId.get("DO-000001")).not.toHaveProperty("closed_date");
    expect(byId.get("DO-000001")!.created_date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });
});
