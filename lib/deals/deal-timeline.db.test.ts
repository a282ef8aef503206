// The deal timeline against real PostgreSQL, fed by the real paths: a folder import, a
// re-import held and approved, a push to the sandbox ChartMogul, and a rollback.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { addExchangeRate } from "@/lib/currency/add-exchange-rate";
import { approveHeldImport } from "@/lib/imports/approve-held-import";
import { rollbackImport } from "@/lib/imports/rollback-import";
import { startImport } from "@/lib/imports/start-import";
import { createFolderSource, writeDrop, type Drop } from "@/lib/imports/test/folder-drop";
import { saveSourceReview } from "@/lib/sources/save-source-review";
import { createSyncRun } from "@/lib/sync/create-sync-run";
import { runSyncWorker } from "@/lib/sync/run-sync-worker";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { createChartMogulDestination } from "@/lib/test/push-fixtures";
import { startChartMogulServer, type ChartMogulServer } from "@/sandbox/chartmogul";
import { listDealTimeline, type ImportEvent, type PushEvent, type ReviewEvent, type TimelineEvent } from "./deal-timeline";
import { exportDealTimelineCsv, TIMELINE_CSV_HEADER } from "./export-deal-timeline-csv";
import { getDealDetailWithHistory } from "./get-deal-detail";

const db = connectTestDatabase();
const OPERATOR = { id: "op-1", email: "ops@example.com", role: "operator" as const };
const ADMIN = { id: "admin-1", email: "admin@example.com", role: "admin" as const };
let cm: ChartMogulServer;
let folder: Awaited<ReturnType<typeof createFolderSource>>;

beforeAll(async () => {
  cm = await startChartMogulServer({ rateLimit: null });
});
afterAll(async () => {
  await cm.stop();
  await disconnectDb();
});
beforeEach(async () => {
  await truncateAll();
  folder = await createFolderSource("Timeline drop", { mode: "never" });
});
afterEach(() => folder.cleanup());

// The account's id is the sandbox ChartMogul customer's external id, so the deal can be pushed.
const ACME = "cus_NffrFeUfNV2Hib";
const drop = (stage: string, amount: number): Drop => ({
  deals: [
    { id: "D1", account: ACME, accountName: "Acme Inc.", stage, amount, currency: "EUR" },
    { id: "D2", account: ACME, accountName: "Acme Inc." },
  ],
  accounts: [{ id: ACME, name: "Acme Inc." }],
});

async function importDrop(d: Drop) {
  writeDrop(folder.dir, d);
  return (await startImport({ source: folder.source.id, trigger: "cli", actor: null, force: true })).done;
}

/** Import, push, re-import held then approved, roll the re-import back. Returns the deal D1 and the runs. */
async function liveHistory() {
  await addExchangeRate({ currency: "EUR", rate: "1.10", validFrom: "2020-01-01" }, ADMIN);
  const first = await importDrop(drop("Discovery", 1000));
  const deal = await db.deal.findFirstOrThrow({ where: { sourceId: folder.source.id, externalId: "D1" } });

  const destination = await createChartMogulDestination(cm, { defaultPipeline: "New Business", defaultOwner: "alex.morgan@example.com" });
  const push = await createSyncRun({ destinationId: destination.id, selection: { mode: "ids", ids: [deal.id] }, dryRun: false }, null);
  await runSyncWorker({ leaseMs: 300, backoffBaseMs: 50, backoffCapMs: 200, pollMs: 50, concurrency: 2, stopWhenIdle: true });

  await saveSourceReview({ sourceId: folder.source.id, mode: "always" }, null);
  const second = await importDrop(drop("Proposal", 2500));
  expect(second.status).toBe("held");
  await approveHeldImport(second.runId, { comment: "bigger deal, checked" }, OPERATOR);
  const rollback = await rollbackImport(second.runId, { comment: "wrong file" }, OPERATOR, "cli");
  return { deal, first, second, push, destination, rollbackRunId: rollback.runs[0].rollbackRun.id };
}

const summary = (e: TimelineEvent) =>
  e.kind === "import" ? `import ${e.change} #${e.run.number}` : e.kind === "review" ? `review ${e.action} #${e.run.number}` : `push ${e.state} ${e.action}`;

describe("listDealTimeline", () => {
  it("shows every import, decision and push of a deal, newest first, with file, line, fields, money, payload, answer and record page", async () => {
    const { deal, first, second } = await liveHistory();
    const { events, nextCursor } = await listDealTimeline(deal.id);
    expect(nextCursor).toBeNull();
    const n1 = (await db.importRun.findUniqueOrThrow({ where: { id: first.runId } })).number;
    const n2 = (await db.importRun.findUniqueOrThrow({ where: { id: second.runId } })).number;
    const rollbackNumber = (events.find((e) => e.kind === "import" && e.run.rollbackOfNumber !== null) as ImportEvent).run.number;
    expect(events.map(summary)).toEqual([
      `import changed #${rollbackNumber}`,
      `review rolled_back #${n2}`,
      `review approved #${n2}`,
      `import changed #${n2}`,
      `review held #${n2}`,
      "push sent created",
      `import new #${n1}`,
    ]);
    for (let i = 1; i < events.length; i++) expect(events[i - 1].at.getTime()).toBeGreaterThanOrEqual(events[i].at.getTime());

    const [created, changed, undone] = [events[6], events[3], events[0]] as ImportEvent[];
    expect(created).toMatchObject({ file: "deals.csv", line: 2, money: { amountBaseMinor: 110000n, baseCurrency: "USD", rateToBase: "1.1" }, mayDifferAt: [] });
    expect(changed).toMatchObject({ file: "deals.csv", line: 2, money: { amountBaseMinor: 275000n, rateToBase: "1.1" } });
    expect(changed.fields).toEqual(
      expect.arrayContaining([
        { field: "stage", before: "Discovery", after: "Proposal" },
        { field: "amountMinor", before: "100000", after: "250000" },
      ]),
    );
    // The rollback puts the values back, and says the destination pushed before it may now differ.
    expect(undone.fields).toEqual(expect.arrayContaining([{ field: "stage", before: "Proposal", after: "Discovery" }]));
    expect(undone.mayDifferAt).toEqual([expect.stringMatching(/^ChartMogul/)]);

    const approved = events[2] as ReviewEvent;
    expect(approved).toMatchObject({ actorEmail: "ops@example.com", comment: "bigger deal, checked", run: { sourceName: "Timeline drop" } });

    const push = events[5] as PushEvent;
    const opportunity = cm.store.opportunities().find((o) => o.custom.dealport_deal_id === deal.id)!;
    expect(push.externalId).toBe(opportunity.uuid);
    expect(push.payload).toMatchObject({ operation: "create", body: { amount_in_cents: 100000, currency: "EUR", pipeline_stage: "Discovery" } });
    expect(push.response).toMatchObject({ status: 201, body: { uuid: opportunity.uuid, pipeline_stage: "Discovery" } });
    expect(push.record).toEqual({ url: `https://app.chartmogul.com/#/customers/${opportunity.customer_uuid}`, site: "ChartMogul" });
    expect(push.money).toEqual({ amountBaseMinor: 110000n, baseCurrency: "USD", rateToBase: null });
    // The answer is stored whole but never with the key.
    expect(JSON.stringify(push.response)).not.toContain(cm.apiKey);
  });

  it("filters by kind and pages through without gaps or repeats", async () => {
    const { deal } = await liveHistory();
    const all = (await listDealTimeline(deal.id)).events.map((e) => e.key);

    const paged: string[] = [];
    let after: string | undefined;
    do {
      const page = await listDealTimeline(deal.id, { limit: 2, after });
      expect(page.events.length).toBeLessThanOrEqual(2);
      paged.push(...page.events.map((e) => e.key));
      after = page.nextCursor ?? undefined;
    } while (after);
    expect(paged).toEqual(all);

    expect((await listDealTimeline(deal.id, { kinds: ["push"] })).events.map((e) => e.kind)).toEqual(["push"]);
    expect((await listDealTimeline(deal.id, { kinds: "review" })).events.map(summary)).toEqual([
      expect.stringMatching(/^review rolled_back/),
      expect.stringMatching(/^review approved/),
      expect.stringMatching(/^review held/),
    ]);
    const importsAndPushes = (await listDealTimeline(deal.id, { kinds: ["import", "push"] })).events;
    expect(new Set(importsAndPushes.map((e) => e.kind))).toEqual(new Set(["import", "push"]));
    expect(importsAndPushes).toHaveLength(4);
    await expect(listDealTimeline(deal.id, { after: "not-a-cursor" })).rejects.toMatchObject({ code: "bad_request" });
  });

  it("shows a creation as its run left the deal, though the run wrote no change row: file and line from before later changes, money at the rates it used", async () => {
    await addExchangeRate({ currency: "EUR", rate: "1.10", validFrom: "2020-01-01" }, ADMIN);
    const first = await importDrop(drop("Discovery", 1000));
    // A new rate, and D1 changed on another line (the deals in reverse order).
    await addExchangeRate({ currency: "EUR", rate: "1.50", validFrom: "2021-01-01" }, ADMIN);
    const second = await importDrop({ ...drop("Proposal", 2500), deals: drop("Proposal", 2500).deals.reverse() });
    expect(second.counts).toMatchObject({ new: 0, changed: 1 });
    expect(await db.dealChange.count({ where: { runId: first.runId } })).toBe(0);
    const [n1, n2] = await Promise.all([first, second].map(async (r) => (await db.importRun.findUniqueOrThrow({ where: { id: r.runId } })).number));

    const d1 = await db.deal.findFirstOrThrow({ where: { sourceId: folder.source.id, externalId: "D1" } });
    const events = (await listDealTimeline(d1.id)).events as ImportEvent[];
    expect(events.map(summary)).toEqual([`import changed #${n2}`, `import new #${n1}`]);
    expect(events[0]).toMatchObject({ file: "deals.csv", line: 3, money: { amountBaseMinor: 375000n, baseCurrency: "USD", rateToBase: "1.5" } });
    expect(events[1]).toMatchObject({ file: "deals.csv", line: 2, fields: [], money: { amountBaseMinor: 110000n, baseCurrency: "USD", rateToBase: "1.1" } });

    // A deal with a "new" row (runs applied before creations were derived wrote one) shows its creation once.
    const d2 = await db.deal.findFirstOrThrow({ where: { sourceId: folder.source.id, externalId: "D2" } });
    await db.dealChange.create({ data: { runId: first.runId, dealId: d2.id, kind: "new", file: "deals.csv", line: 3 } });
    expect((await listDealTimeline(d2.id)).events.map(summary)).toEqual([`import new #${n1}`]);

    // Rolling both back: the first run's rollback removes D1 without a row (lastSeenRunId says it).
    const undo = await rollbackImport(first.runId, { cascade: true }, OPERATOR, "cli");
    const [rb2, rb1] = undo.runs.map((r) => r.rollbackRun.number);
    const imports = (await listDealTimeline(d1.id, { kinds: ["import"] })).events as ImportEvent[];
    expect(imports.map(summary)).toEqual([`import removed #${rb1}`, `import changed #${rb2}`, `import changed #${n2}`, `import new #${n1}`]);
    expect(imports[0]).toMatchObject({ run: { rollbackOfNumber: n1 }, file: null, fields: [], money: { amountBaseMinor: null, baseCurrency: null } });
    expect(new Set(imports.map((e) => e.key)).size).toBe(4);
    expect((await listDealTimeline(d1.id, { kinds: ["review"] })).events.map(summary)).toEqual([`review rolled_back #${n1}`, `review rolled_back #${n2}`]);
    const api = await getDealDetailWithHistory(d1.id);
    expect(api.changes.map((c) => [c.kind, c.id === null])).toEqual([["removed", true], ["changed", false], ["changed", false], ["new", true]]);
  });

  it("exports the filtered timeline as CSV, one line per changed field, and refuses an unknown deal before streaming", async () => {
    const { deal } = await liveHistory();
    const lines: string[] = [];
    for await (const line of await exportDealTimelineCsv(deal.id, { kinds: ["import"] })) lines.push(line);
    expect(lines[0]).toBe(`${TIMELINE_CSV_HEADER.join(",")}\r\n`);
    const stageLines = lines.filter((l) => l.includes(",stage,"));
    // The re-import (Discovery → Proposal) and its rollback (Proposal → Discovery).
    expect(stageLines).toHaveLength(2);
    expect(stageLines[0]).toMatch(/,changed,deals\.csv,2,stage,Proposal,Discovery,|,changed,,,stage,Proposal,Discovery,/);
    expect(stageLines[1]).toContain(",changed,deals.csv,2,stage,Discovery,Proposal,2750.00,USD,1.1,");
    expect(lines.some((l) => l.includes(",new,deals.csv,2,,,,1100.00,USD,1.1,"))).toBe(true);
    expect(lines.some((l) => l.includes("push"))).toBe(false);

    const pushes: string[] = [];
    for await (const line of await exportDealTimelineCsv(deal.id, { kinds: ["push"] })) pushes.push(line);
    expect(pushes).toHaveLength(2);
    expect(pushes[1]).toContain("https://app.chartmogul.com/#/customers/");

    await expect(exportDealTimelineCsv("no-such-deal", {})).rejects.toMatchObject({ code: "not_found" });
    await expect(exportDealTimelineCsv(deal.id, { kinds: ["gossip"] })).rejects.toThrow();
  });
});
