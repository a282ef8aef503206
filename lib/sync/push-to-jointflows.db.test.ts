// The Jointflows drop is overwritten on every write: each push must write the union of
// everything pushed before plus the new deals, atomically (temp key, then CopyObject).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { createJointflowsDestination, seedDeals } from "@/lib/test/push-fixtures";
import { startS3Server, type S3Server } from "@/sandbox/s3";
import { createSyncRun } from "./create-sync-run";
import { buildPushPreview } from "./build-push-preview";
import { getSyncRun } from "./get-sync-run";
import { getPushPreview, listPushPreviewItems } from "./read-push-preview";
import { runSyncWorker } from "./run-sync-worker";

connectTestDatabase();
const db = getDb();
const KEYS = { accessKeyId: "JOINTFLOWSTESTKEY001", secretAccessKey: "jointflows-test-secret-0000000000001" };
const FAST = { pollMs: 50, backoffBaseMs: 50, backoffCapMs: 100 };
let s3: S3Server;

beforeAll(async () => {
  s3 = await startS3Server({ credentials: [KEYS], buckets: { drops: {} } });
});
afterAll(async () => {
  await s3.stop();
  await disconnectDb();
});
beforeEach(truncateAll);

const dealsCsv = () => s3.getObject("drops", "drop/deals.csv")?.toString("utf8") ?? "";
const dealIdsInDrop = () => dealsCsv().trim().split("\r\n").slice(1).map((line) => line.split(",")[4]);

describe("Jointflows push", () => {
  it("writes the union of earlier pushes and the new selection, never a delta", async () => {
    const destination = await createJointflowsDestination({ endpoint: s3.endpoint, ...KEYS, bucket: "drops" });
    const first = await seedDeals({ count: 2, prefix: "JA" });
    const second = await seedDeals({ count: 1, prefix: "JB" });

    await createSyncRun({ destinationId: destination.id, selection: { mode: "ids", ids: first }, options: { projectType: "Onboarding" } }, null);
    await runSyncWorker({ ...FAST, stopWhenIdle: true });
    expect(dealIdsInDrop()).toEqual(["JA-000001", "JA-000002"]);

    const run = await createSyncRun({ destinationId: destination.id, selection: { mode: "ids", ids: second } }, null);
    await runSyncWorker({ ...FAST, stopWhenIdle: true });
    expect(dealIdsInDrop().sort()).toEqual(["JA-000001", "JA-000002", "JB-000001"]);
    expect((await getSyncRun(run.id)).counts).toMatchObject({ sent: 1, created: 1 });

    const header = dealsCsv().split("\r\n")[0];
    expect(header).toBe("Name,target_close_date,owner_email,value,deal_unique_id,deal_stage,pipeline_id,project_type,description,account_unique_id,account_name,account_url,account_industry");
    expect(dealsCsv()).toContain(",2027-03-31,alex.morgan@example.com,12345.00,JA-000001,Discovery,New Business,Onboarding,");
    expect(s3.getObject("drops", "drop/accounts.csv")?.toString("utf8")).toContain("ACC-1002");
    expect(s3.getObject("drops", "drop/contacts.csv")).toBeDefined();

    // Atomic: every file staged under a temporary key, then copied over the real name; no temporaries left.
    const ops = s3.requests.filter((r) => r.operation === "PutObject" || r.operation === "CopyObject");
    expect(ops.filter((r) => r.operation === "PutObject").every((r) => r.key?.includes(".dealport-tmp/"))).toBe(true);
    expect(ops.filter((r) => r.operation === "CopyObject").map((r) => r.key)).toContain("drop/deals.csv");
    expect(s3.listKeys("drops").filter((k) => k.includes(".dealport-tmp/"))).toEqual([]);
  });

  it("writes only rows Jointflows can read: a deal with an unreadable owner or contact is listed in the preview with the reasons, not written", async () => {
    const destination = await createJointflowsDestination({ endpoint: s3.endpoint, ...KEYS, bucket: "drops" });
    const [good, badOwner, badContact] = await seedDeals({ count: 3, prefix: "JR" });
    await db.deal.update({ where: { id: badOwner }, data: { owner: "Alex Morgan" } });
    const { accountId, sourceId } = await db.deal.findUniqueOrThrow({ where: { id: badContact } });
    await db.contact.create({ data: { sourceId, externalId: "CT-NOLAST", accountId, firstName: "Prince", email: "prince@acme.example.com", contentHash: "x" } });

    const { id: previewId } = await buildPushPreview({ destinationId: destination.id, selection: { mode: "ids", ids: [good, badOwner, badContact] } }, null);
    expect(await getPushPreview(previewId)).toMatchObject({ ready: 1, blocked: 2 });
    const blocked = (await listPushPreviewItems(previewId, { view: "blocked" })).items;
    expect(blocked.find((i) => i.dealId === badOwner)?.problems).toEqual(['The deal\'s owner "Alex Morgan" is not an e-mail address (owner_email must be one)']);
    expect(blocked.find((i) => i.dealId === badContact)?.problems).toEqual(["Contact CT-NOLAST has no last_name (required in contacts.csv)"]);

    await createSyncRun({ destinationId: destination.id, selection: { mode: "ids", ids: [good, badOwner, badContact] } }, null);
    await runSyncWorker({ ...FAST, stopWhenIdle: true });
    expect(dealIdsInDrop()).toEqual(["JR-000001"]);
    expect(s3.getObject("drops", "drop/contacts.csv")?.toString("utf8")).not.toContain("CT-NOLAST");
  });

  it("a failed upload leaves the previous drop whole and retries", async () => {
    const destination = await createJointflowsDestination({ endpoint: s3.endpoint, ...KEYS, bucket: "drops" });
    const first = await seedDeals({ count: 1, prefix: "JC" });
    await createSyncRun({ destinationId: destination.id, selection: { mode: "ids", ids: first } }, null);
    await runSyncWorker({ ...FAST, stopWhenIdle: true });
    const before = dealsCsv();

    const next = await seedDeals({ count: 1, prefix: "JD" });
    const run = await createSyncRun({ destinationId: destination.id, selection: { mode: "ids", ids: next } }, null);
    // A server error on every one of the SDK's own tries: the queue's retry then writes it (a 403 would block the run instead).
    s3.failNext({ operation: "PutObject", status: 500, code: "InternalError", times: 3 });
    await runSyncWorker({ ...FAST, stopWhenIdle: true });
    // The first attempt failed before any copy: the drop was untouched, then the retry wrote the union.
    expect(before).toContain("JC-000001");
    expect(dealIdsInDrop().sort()).toEqual(["JC-000001", "JD-000001"]);
    const [item] = (await getSyncRun(run.id)).items;
    expect(item).toMatchObject({ state: "sent", attempt: 2 });
  });
});

describe("S3 drop errors", () => {
  it("keep the server's own error text, which may echo the key pair, out of SyncItem.error", async () => {
    const destination = await createJointflowsDestination({ endpoint: s3.endpoint, ...KEYS, bucket: "drops" });
    const deals = await seedDeals({ count: 1, prefix: "JE" });
    const run = await createSyncRun({ destinationId: destination.id, selection: { mode: "ids", ids: deals } }, null);
    // An S3-compatible store that quotes the request it refused, credentials included.
    const echo = `Request refused: AWSAccessKeyId=${KEYS.accessKeyId} secret=${KEYS.secretAccessKey}`;
    s3.failNext({ operation: "PutObject", status: 403, code: "AccessDenied", message: echo, times: 2 });
    await runSyncWorker({ ...FAST, maxAttempts: 2, stopWhenIdle: true });
    // A refused credential blocks the whole run (docs/decisions/push-queue.md): the reason is on the run.
    const { status, error, items } = await getSyncRun(run.id);
    expect(status).toBe("blocked");
    expect(error).toMatch(/S3 refused \(s3:\/\/drops\/drop\/\): the credential may not use this bucket or prefix \(HTTP 403\)/);
    for (const secret of [KEYS.accessKeyId, KEYS.secretAccessKey]) {
      expect(error).not.toContain(secret);
      for (const item of items) expect(item.error ?? "").not.toContain(secret);
    }
  });
});
