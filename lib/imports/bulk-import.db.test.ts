// The bulk path against real PostgreSQL: an import (or rollback) that writes most of Deal drops
// Deal's secondary indexes (and the foreign keys among Deal and DealChange) and builds them again
// in its own transaction. They must all be back, the same, whatever happens — applied, rolled
// back, or failed half-way.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { countDeals } from "@/lib/deals/summarize-deals";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import type { ImportEvent, ImportReader } from "./import-reader";
import { listRunChanges } from "./list-run-changes";
import { rollbackImport } from "./rollback-import";
import { startImport } from "./start-import";
import { createFolderSource, writeDrop, type DropDeal } from "./test/folder-drop";

const db = connectTestDatabase();
let folder: Awaited<ReturnType<typeof createFolderSource>>;
// Past the bulk threshold (5000 rows written).
const DEALS = 6000;

beforeEach(async () => {
  await truncateAll();
  folder = await createFolderSource("Bulk drop", { mode: "never" });
});
afterEach(() => folder.cleanup());
afterAll(disconnectDb);

const dealIndexesAndKeys = () => db.$queryRaw<{ definition: string }[]>`
  select indexdef as definition from pg_indexes where tablename in ('Deal', 'DealChange', 'Account')
  union all
  select conname || ' ' || pg_get_constraintdef(oid) from pg_constraint where conrelid in ('"Deal"'::regclass, '"DealChange"'::regclass, '"Account"'::regclass)
  order by 1`;
const deals = (stage: (i: number) => string): DropDeal[] =>
  Array.from({ length: DEALS }, (_, i) => ({ id: `D-${i}`, name: `Deal ${i}`, stage: stage(i), amount: i, account: `A-${i % 50}`, accountName: `Account ${i % 50}` }));

async function importDeals(stage: (i: number) => string) {
  writeDrop(folder.dir, { deals: deals(stage) });
  const outcome = await (await startImport({ source: folder.source.id, trigger: "cli", actor: null, force: true })).done;
  expect(outcome.error).toBeNull();
  return outcome;
}

describe("bulk import path", () => {
  it("imports, re-imports and rolls back most of Deal with every index back as it was and the review listing every deal", async () => {
    const before = await dealIndexesAndKeys();
    const first = await importDeals(() => "Discovery");
    expect(first.counts).toMatchObject({ new: DEALS, changed: 0 });
    // New deals write no DealChange rows: only Deal's indexes are rebuilt, and its link to another deal checked once after.
    expect(Object.keys(first.timings).filter((phase) => /^(Deal|DealChange): build \d+ indexes$/.test(phase))).toEqual(["Deal: build 13 indexes"]);
    expect(Object.keys(first.timings).filter((phase) => /^(Deal|DealChange): check 1 foreign keys$/.test(phase))).toEqual(["Deal: check 1 foreign keys"]);
    expect(await dealIndexesAndKeys()).toEqual(before);
    const review = await listRunChanges(first.runId, { limit: 2 });
    expect(review).toMatchObject({ total: DEALS, byKind: { new: DEALS } });
    expect(review.changes.map((c) => [c.kind, c.deal.externalId])).toEqual([["new", "D-0"], ["new", "D-1"]]);
    // The trigram index answers the text search after the rebuild.
    const found = await db.$queryRaw<{ n: bigint }[]>`select count(*) as n from "Deal" where name ilike ${"%Deal 5999%"}`;
    expect(Number(found[0].n)).toBe(1);

    // A third changed: only they are written (no bulk path); the rest keep the first run's
    // status, which no longer shows now that the second run is the source's latest.
    const second = await importDeals((i) => (i % 3 === 0 ? "Proposal" : "Discovery"));
    expect(second.counts).toMatchObject({ new: 0, changed: DEALS / 3, unchanged: DEALS - DEALS / 3 });
    expect(await db.deal.count({ where: { sourceId: folder.source.id, lastSeenRunId: second.runId } })).toBe(DEALS / 3);
    expect(await countDeals({ source: [folder.source.id], status: "changed" })).toBe(DEALS / 3);
    expect(await countDeals({ source: [folder.source.id], status: "new" })).toBe(0);
    expect(await dealIndexesAndKeys()).toEqual(before);

    await rollbackImport(second.runId, {}, null, "cli");
    await rollbackImport(first.runId, {}, null, "cli");
    expect(await db.deal.count({ where: { sourceId: folder.source.id, removedAt: null } })).toBe(0);
    expect(await dealIndexesAndKeys()).toEqual(before);
  });

  it("a first import of as many accounts rebuilds Account's indexes too, and checks the deals' key to Account once", async () => {
    const before = await dealIndexesAndKeys();
    writeDrop(folder.dir, { deals: deals(() => "Discovery").map((d, i) => ({ ...d, account: `A-${i}`, accountName: `Account ${i}` })) });
    const first = await (await startImport({ source: folder.source.id, trigger: "cli", actor: null })).done;
    expect(first.error).toBeNull();
    expect(first.counts).toMatchObject({ new: DEALS });
    const phases = Object.keys(first.timings);
    expect(phases).toContain("Account: build 4 indexes");
    // Account's link to another account; Deal's to another deal and to its account (Account is locked by then).
    expect(phases).toContain("Account: check 1 foreign keys");
    expect(phases).toContain("Deal: check 2 foreign keys");
    expect(await dealIndexesAndKeys()).toEqual(before);
    expect(await db.deal.count({ where: { sourceId: folder.source.id, accountId: null } })).toBe(0);
    const found = await db.$queryRaw<{ n: bigint }[]>`select count(*) as n from "Account" where name ilike ${"%Account 5999%"}`;
    expect(Number(found[0].n)).toBe(1);
  });

  it("a bulk apply that fails leaves the indexes and the data as they were", async () => {
    const before = await dealIndexesAndKeys();
    const failing: ImportReader = {
      missingRate: "keep",
      onApply: () => Promise.reject(new Error("the source's savepoint could not be stored")),
      async *read(): AsyncGenerator<ImportEvent> {
        yield { type: "scope", kind: "deals", mode: "snapshot" };
        const records = deals(() => "Discovery").map((d, i) => ({
          externalId: d.id, name: d.name!, stage: d.stage!, pipeline: null, owner: null, amountMinor: BigInt(i), currency: "USD", closeDate: null,
          accountExternalId: null, properties: {}, file: "api", line: i + 1,
        }));
        yield { type: "deals", records, problems: [] };
      },
    };
    const outcome = await (await startImport({ source: folder.source.id, trigger: "cli", actor: null, reader: async () => failing })).done;
    expect(outcome.status).toBe("failed");
    expect(await db.deal.count()).toBe(0);
    expect(await dealIndexesAndKeys()).toEqual(before);
  });

  it("a run that skips unchanged files reports the live deals the last applied run recorded, without counting them", async () => {
    writeDrop(folder.dir, { deals: deals(() => "Discovery").slice(0, 4) });
    const first = await (await startImport({ source: folder.source.id, trigger: "cli", actor: null })).done;
    expect(first.counts).toMatchObject({ new: 4, liveDeals: 4 });
    writeDrop(folder.dir, { deals: deals(() => "Discovery").slice(1, 6) });
    const second = await (await startImport({ source: folder.source.id, trigger: "cli", actor: null })).done;
    expect(second.counts).toMatchObject({ new: 2, removed: 1, unchanged: 3, liveDeals: 5 });
    const skipped = await (await startImport({ source: folder.source.id, trigger: "cli", actor: null })).done;
    expect(skipped.status).toBe("unchanged");
    expect(skipped.counts).toMatchObject({ unchanged: 5, liveDeals: 5 });
    // A rollback records no figure: the next skipped run counts.
    await rollbackImport(second.runId, {}, null, "cli");
    const afterRollback = await (await startImport({ source: folder.source.id, trigger: "cli", actor: null })).done;
    expect(afterRollback.counts.liveDeals).toBe(await db.deal.count({ where: { sourceId: folder.source.id, removedAt: null } }));
  });
});
