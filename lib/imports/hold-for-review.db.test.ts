// Hold for review against real PostgreSQL: a run that trips a source's rule is staged and
// diffed but changes nothing live; approval applies exactly what was reviewed (or is refused
// after anything else was applied, until re-diffed); discard and expiry end it.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { saveSourceReview } from "@/lib/sources/save-source-review";
import { approveHeldImport } from "./approve-held-import";
import { discardHeldImport, expireHeldImports } from "./discard-held-import";
import { listImportRuns } from "./list-import-runs";
import { listRunChanges } from "./list-run-changes";
import { notifyHeldImport } from "./notify-held-import";
import { rediffHeldImport } from "./rediff-held-import";
import { startImport } from "./start-import";
import { createFolderSource, writeDrop, type DropDeal } from "./test/folder-drop";

const db = connectTestDatabase();
let folder: Awaited<ReturnType<typeof createFolderSource>>;
const OPERATOR = { id: "op-1", email: "ops@example.com", role: "operator" as const };

beforeEach(async () => {
  await truncateAll();
  folder = await createFolderSource("Held drop");
});
afterEach(() => folder.cleanup());
afterAll(disconnectDb);

const TEN: DropDeal[] = Array.from({ length: 10 }, (_, i) => ({ id: `D${i + 1}`, account: "A1", accountName: "Acme" }));

async function importDeals(deals: DropDeal[]) {
  writeDrop(folder.dir, { deals, accounts: [{ id: "A1", name: "Acme" }] });
  return (await startImport({ source: folder.source.id, trigger: "schedule", actor: null, force: true })).done;
}

const liveDeals = () => db.deal.findMany({ where: { sourceId: folder.source.id, removedAt: null }, orderBy: { externalId: "asc" }, select: { externalId: true, stage: true } });

describe("hold for review", () => {
  it("holds a drop that removes 30% of the deals: staged and diffed, nothing live changes, the rule and figure shown; approval applies exactly the review", async () => {
    expect((await importDeals(TEN)).status).toBe("succeeded");
    const before = await liveDeals();
    // D1-D3 gone, D4 changed.
    const drop = TEN.slice(3).map((d) => (d.id === "D4" ? { ...d, stage: "Won" } : d));
    const held = await importDeals(drop);
    expect(held.status).toBe("held");
    expect(held.counts).toMatchObject({ new: 0, changed: 1, removed: 3 });
    expect(await liveDeals()).toEqual(before);
    expect(await db.dealChange.count({ where: { runId: held.runId } })).toBe(0);

    const [run] = await listImportRuns({ status: "held" });
    expect(run.id).toBe(held.runId);
    expect(run.hold?.reasons).toEqual([{ rule: "removed", threshold: 10, actual: 30, message: "Removes 3 of 10 live deals (30%); the rule holds above 10%" }]);
    expect(run.hold?.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);
    expect(run.hold?.stagedBytes).toBeGreaterThan(0);

    // The same review page as an applied run: new / changed field by field / removed.
    const review = await listRunChanges(held.runId);
    expect(review.byKind).toEqual({ changed: 1, removed: 3 });
    expect(review.changes.map((c) => [c.kind, c.deal.externalId])).toEqual([
      ["changed", "D4"],
      ["removed", "D1"],
      ["removed", "D2"],
      ["removed", "D3"],
    ]);
    expect(review.changes[0].fields).toEqual([{ field: "stage", before: "Discovery", after: "Won" }]);
    expect((await listRunChanges(held.runId, { kind: "removed", q: "d2" })).changes.map((c) => c.deal.externalId)).toEqual(["D2"]);

    const approved = await approveHeldImport(held.runId, { comment: "customer churned three deals" }, OPERATOR);
    expect(approved.counts).toMatchObject({ new: 0, changed: 1, removed: 3, unchanged: 6 });
    expect((await liveDeals()).map((d) => d.externalId)).toEqual(["D10", "D4", "D5", "D6", "D7", "D8", "D9"]);
    const applied = await listRunChanges(held.runId);
    expect(applied.byKind).toEqual(review.byKind);
    expect(await db.stagedImportRow.count({ where: { runId: held.runId } })).toBe(0);
    expect(await db.importRunEvent.findMany({ where: { runId: held.runId }, orderBy: { id: "asc" }, select: { kind: true, actorEmail: true, comment: true } })).toEqual([
      { kind: "held", actorEmail: null, comment: null },
      { kind: "approved", actorEmail: "ops@example.com", comment: "customer churned three deals" },
    ]);
    expect(await db.auditEvent.count({ where: { action: "import.approved", targetId: held.runId, actorId: "op-1" } })).toBe(1);
    // Approved means applied: a second approval is refused.
    await expect(approveHeldImport(held.runId, {}, OPERATOR)).rejects.toMatchObject({ code: "conflict" });
  });

  it("refuses approval once something else was applied to the source, then applies after a re-diff", async () => {
    await importDeals(TEN);
    const held = await importDeals(TEN.slice(5));
    expect(held.status).toBe("held");
    await saveSourceReview({ sourceId: folder.source.id, mode: "never" }, null);
    const other = await importDeals([...TEN, { id: "D11", account: "A1" }]);
    expect(other.status).toBe("succeeded");
    await saveSourceReview({ sourceId: folder.source.id }, null);

    const refused = await approveHeldImport(held.runId, {}, OPERATOR).catch((error) => error);
    expect(refused).toMatchObject({ code: "conflict" });
    expect(refused.message).toMatch(/Since run #2 was diffed, run #3 changed "Held drop".*Re-diff it/);
    expect(await liveDeals()).toHaveLength(11);

    const rediffed = await rediffHeldImport(held.runId, OPERATOR);
    expect(rediffed.counts).toMatchObject({ removed: 6 });
    const approved = await approveHeldImport(held.runId, {}, OPERATOR);
    expect(approved.counts).toMatchObject({ removed: 6 });
    expect(await liveDeals()).toHaveLength(5);
  });

  it("discard ends a held run with who and why; expiry ends the forgotten ones; neither changes anything live", async () => {
    await importDeals(TEN);
    const held = await importDeals(TEN.slice(0, 2));
    await expect(discardHeldImport(held.runId, { comment: "half-written export" }, OPERATOR)).resolves.toEqual({ runId: held.runId, status: "discarded" });
    expect(await liveDeals()).toHaveLength(10);
    const run = await db.importRun.findUniqueOrThrow({ where: { id: held.runId } });
    expect(run).toMatchObject({ status: "discarded", stagedBytes: null });
    expect(await db.stagedImportRow.count()).toBe(0);
    expect(await db.importRunEvent.count({ where: { runId: held.runId, kind: "discarded", comment: "half-written export" } })).toBe(1);
    await expect(approveHeldImport(held.runId, {}, OPERATOR)).rejects.toMatchObject({ code: "conflict" });

    const forgotten = await importDeals(TEN.slice(0, 2));
    expect(forgotten.status).toBe("held");
    expect(await expireHeldImports(new Date(Date.now() + 6 * 86_400_000))).toEqual([]);
    expect(await expireHeldImports(new Date(Date.now() + 8 * 86_400_000))).toEqual([forgotten.runId]);
    expect((await db.importRun.findUniqueOrThrow({ where: { id: forgotten.runId } })).status).toBe("expired");
    expect(await db.stagedImportRow.count()).toBe(0);
    expect(await liveDeals()).toHaveLength(10);
  });

  it("rules per source: never hold applies anything, always hold holds every change, each threshold can be switched off", async () => {
    await importDeals(TEN);
    await saveSourceReview({ sourceId: folder.source.id, mode: "always" }, null);
    expect((await importDeals(TEN.map((d) => (d.id === "D1" ? { ...d, stage: "Won" } : d)))).status).toBe("held");
    await saveSourceReview({ sourceId: folder.source.id, mode: "rules", removedPercent: "", minSizePercent: "" }, null);
    expect((await importDeals(TEN.slice(0, 3))).status).toBe("succeeded");
    await saveSourceReview({ sourceId: folder.source.id, mode: "rules", changedPercent: 20 }, null);
    const changed = await importDeals(TEN.slice(0, 3).map((d) => ({ ...d, stage: "Won" })));
    expect(changed.status).toBe("held");
    expect((await db.importRun.findUniqueOrThrow({ where: { id: changed.runId } })).holdReasons).toEqual([
      { rule: "changed", threshold: 20, actual: 100, message: "Changes 3 of 3 live deals (100%); the rule holds above 20%" },
    ]);
  });

  it("calls the source's webhook with a link to the held run; a failing webhook is audited, never fatal", async () => {
    const received: { url: string; body: { event: string; link: string; run: { number: number; reasons: unknown[] } } }[] = [];
    let answer = 204;
    const server = http.createServer((req, res) => {
      let text = "";
      req.on("data", (chunk) => (text += chunk));
      req.on("end", () => {
        received.push({ url: req.url ?? "", body: JSON.parse(text) });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      await importDeals(TEN);
      await saveSourceReview({ sourceId: folder.source.id, webhookUrl: `http://127.0.0.1:${port}/hook/secret-token` }, null);
      const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "source.review_rules" } });
      expect(JSON.stringify([audit.summary, audit.details])).not.toContain("secret-token");

      const held = await importDeals(TEN.slice(0, 1));
      expect(held.status).toBe("held");
      expect(received).toHaveLength(1);
      expect(received[0].url).toBe("/hook/secret-token");
      expect(received[0].body).toMatchObject({ event: "import.held", run: { number: 2, reasons: expect.arrayContaining([expect.objectContaining({ rule: "removed" })]) } });
      expect(received[0].body.link).toMatch(new RegExp(`/imports/${held.runId}$`));

      answer = 500;
      expect(await notifyHeldImport(held.runId)).toBe("failed");
      expect(await db.auditEvent.count({ where: { action: "import.webhook_failed", targetId: held.runId } })).toBe(1);
      expect((await db.importRun.findUniqueOrThrow({ where: { id: held.runId } })).status).toBe("held");
    } finally {
      server.close();
    }
  });
});
