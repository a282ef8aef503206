// The push preview at scale: planned once in batches and kept, reasons grouped with counts,
// deals paged, "exclude these", and a push of exactly the ready deals the preview showed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { createChartMogulDestination, seedDeals } from "@/lib/test/push-fixtures";
import { startChartMogulServer, type ChartMogulServer } from "@/sandbox/chartmogul";
import { buildPushPreview, reasonOf } from "./build-push-preview";
import { createSyncRunFromPreview } from "./create-sync-run";
import { excludePreviewItems, includePreviewItemsAgain } from "./exclude-preview-items";
import { getPushPreview, listPushPreviewItems, PREVIEW_PAGE_SIZE } from "./read-push-preview";

const db = connectTestDatabase();
let cm: ChartMogulServer;

const NO_ACCOUNT = "The deal has no account, so no ChartMogul customer can be matched";
const NO_CLOSE_DATE = "The deal has no close date (estimated_close_date is required)";
const UNMAPPED_STAGE = 'Stage "…" has no ChartMogul mapping (Settings → Destinations)';

beforeAll(async () => {
  cm = await startChartMogulServer({ rateLimit: null });
});
afterAll(async () => {
  await cm.stop();
  await disconnectDb();
});
beforeEach(() => truncateAll());

/** 120 deals: 18 with no account and no close date, 7 in stage "Mystery" and 2 in "Other" (unmapped), 93 ready. */
async function seedMixedDeals() {
  const ids = await seedDeals({ count: 120, prefix: "PV" });
  const noAccount = ids.slice(0, 18);
  const unmapped = ids.slice(18, 27);
  await db.deal.updateMany({ where: { id: { in: noAccount } }, data: { accountId: null, closeDate: null } });
  await db.deal.updateMany({ where: { id: { in: unmapped.slice(0, 7) } }, data: { stage: "Mystery" } });
  await db.deal.updateMany({ where: { id: { in: unmapped.slice(7) } }, data: { stage: "Other" } });
  return { ids, noAccount, unmapped, ready: ids.slice(27) };
}

async function allIds(previewId: string, query: { view: string; reason?: string }) {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const result = await listPushPreviewItems(previewId, { ...query, page });
    ids.push(...result.items.map((i) => i.dealId));
    if (page >= result.pageCount) return ids;
  }
}

const sorted = (ids: string[]) => [...ids].sort();

describe("push preview", () => {
  it("groups what can't be sent by reason, quoted values elided, with counts", async () => {
    expect(reasonOf('Stage "Mystery" has no ChartMogul mapping (Settings → Destinations)')).toBe(UNMAPPED_STAGE);
    const destination = await createChartMogulDestination(cm);
    const { ids } = await seedMixedDeals();
    const { id } = await buildPushPreview({ destinationId: destination.id, selection: { mode: "filter", filter: {}, excludeIds: [] } }, null);

    const summary = await getPushPreview(id);
    expect(summary).toMatchObject({ total: ids.length, included: 120, ready: 93, blocked: 27, excluded: 0, updates: 0, otherReasons: 0 });
    expect(summary.reasons).toEqual([
      { reason: NO_ACCOUNT, count: 18 },
      { reason: NO_CLOSE_DATE, count: 18 },
      { reason: UNMAPPED_STAGE, count: 9 },
    ]);
    // The deals behind a reason, each with its exact problem.
    const unmapped = await listPushPreviewItems(id, { view: "blocked", reason: UNMAPPED_STAGE });
    expect(unmapped.total).toBe(9);
    expect(new Set(unmapped.items.flatMap((i) => i.problems))).toEqual(
      new Set(['Stage "Mystery" has no ChartMogul mapping (Settings → Destinations)', 'Stage "Other" has no ChartMogul mapping (Settings → Destinations)']),
    );
  });

  it("pages the payloads from the server: every ready deal once, in pages of 50, a page past the end is the last", async () => {
    const destination = await createChartMogulDestination(cm);
    const { ready } = await seedMixedDeals();
    const { id } = await buildPushPreview({ destinationId: destination.id, selection: { mode: "filter", filter: {}, excludeIds: [] } }, null);

    const first = await listPushPreviewItems(id, { view: "ready" });
    expect(first).toMatchObject({ page: 1, pageCount: 2, total: 93 });
    expect(first.items).toHaveLength(PREVIEW_PAGE_SIZE);
    expect(first.items[0]).toMatchObject({ ok: true, isUpdate: false, problems: [] });
    expect(first.items[0].payload).toMatchObject({ body: { pipeline_stage: "Discovery" } });
    const last = await listPushPreviewItems(id, { view: "ready", page: "9" });
    expect(last).toMatchObject({ page: 2, pageCount: 2 });
    expect(last.items).toHaveLength(93 - PREVIEW_PAGE_SIZE);
    expect(sorted(await allIds(id, { view: "ready" }))).toEqual(sorted(ready));
  });

  it("excludes the deals behind a reason, then every other one that can't be sent, and includes them again", async () => {
    const destination = await createChartMogulDestination(cm);
    const { noAccount, unmapped } = await seedMixedDeals();
    const { id } = await buildPushPreview({ destinationId: destination.id, selection: { mode: "filter", filter: {}, excludeIds: [] } }, null);

    expect(await excludePreviewItems({ previewId: id, reason: NO_CLOSE_DATE })).toBe(18);
    expect(await getPushPreview(id)).toMatchObject({ total: 120, included: 102, ready: 93, blocked: 9, excluded: 18, reasons: [{ reason: UNMAPPED_STAGE, count: 9 }] });
    expect(sorted(await allIds(id, { view: "excluded" }))).toEqual(sorted(noAccount));
    // The rest of the blocked ones in one go; nothing is excluded twice.
    expect(await excludePreviewItems({ previewId: id })).toBe(9);
    expect(await getPushPreview(id)).toMatchObject({ included: 93, blocked: 0, excluded: 27, reasons: [] });
    expect(sorted(await allIds(id, { view: "excluded" }))).toEqual(sorted([...noAccount, ...unmapped]));

    expect(await includePreviewItemsAgain(id)).toBe(27);
    expect(await getPushPreview(id)).toMatchObject({ included: 120, blocked: 27, excluded: 0 });
  });

  it("a push from the preview holds exactly its ready deals; a dry run everything not excluded", async () => {
    const destination = await createChartMogulDestination(cm);
    const { ready, unmapped } = await seedMixedDeals();
    const { id } = await buildPushPreview({ destinationId: destination.id, selection: { mode: "filter", filter: {}, excludeIds: [] } }, null);
    await excludePreviewItems({ previewId: id, reason: NO_ACCOUNT });

    const run = await createSyncRunFromPreview({ previewId: id }, null);
    const items = await db.syncItem.findMany({ where: { runId: run.id }, select: { dealId: true, state: true } });
    expect(sorted(items.map((i) => i.dealId))).toEqual(sorted(ready));
    expect(new Set(items.map((i) => i.state))).toEqual(new Set(["pending"]));
    expect(run.selection).toMatchObject({ mode: "filter", previewId: id });

    const dry = await createSyncRunFromPreview({ previewId: id, dryRun: true, readyOnly: false }, null);
    const dryItems = await db.syncItem.findMany({ where: { runId: dry.id }, select: { dealId: true, state: true } });
    expect(sorted(dryItems.map((i) => i.dealId))).toEqual(sorted([...ready, ...unmapped]));
    expect(dryItems.filter((i) => i.state === "failed").map((i) => i.dealId).sort()).toEqual(sorted(unmapped));
  });

  it("plans a selection larger than one batch once, and counts it whole", async () => {
    const destination = await createChartMogulDestination(cm);
    const ids = await seedDeals({ count: 2_300, prefix: "BIG" });
    await db.deal.updateMany({ where: { id: { in: ids.filter((_, i) => i % 10 === 0) } }, data: { closeDate: null } });
    const { id } = await buildPushPreview({ destinationId: destination.id, selection: { mode: "filter", filter: {}, excludeIds: [] } }, null);
    expect(await getPushPreview(id)).toMatchObject({ total: 2_300, ready: 2_070, blocked: 230, reasons: [{ reason: NO_CLOSE_DATE, count: 230 }] });
    expect(await listPushPreviewItems(id, { view: "ready", page: 42 })).toMatchObject({ page: 42, pageCount: 42, total: 2_070 });
  });

  it("an unknown preview says it expired", async () => {
    await expect(getPushPreview("no-such-preview")).rejects.toThrow("This preview has expired or was replaced; preview again");
  });
});
