// Rollback of applied import runs against real PostgreSQL: every kind of change goes back
// (new, changed, removed, restored, account relinked, contact reports-to), a rollback of a
// rollback redoes the import, conflicts with newer runs are refused or cascade, and a
// rollback never interleaves with an import of the same source.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { dealImportStatus } from "@/lib/deals/deal-import-status";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import type { ImportEvent, ImportReader } from "./import-reader";
import { listRunChanges } from "./list-run-changes";
import { rollbackImport } from "./rollback-import";
import { startImport } from "./start-import";
import { createFolderSource, writeDrop, type Drop } from "./test/folder-drop";

const db = connectTestDatabase();
let folder: Awaited<ReturnType<typeof createFolderSource>>;

beforeEach(async () => {
  await truncateAll();
  // These drops remove a quarter of the deals and more: apply them, never hold.
  folder = await createFolderSource("Rollback drop", { mode: "never" });
});
afterEach(() => folder.cleanup());
afterAll(disconnectDb);

async function importDrop(drop: Drop) {
  writeDrop(folder.dir, drop);
  const outcome = await (await startImport({ source: folder.source.id, trigger: "cli", actor: null, force: true })).done;
  expect(outcome.error).toBeNull();
  expect(outcome.status).toBe("succeeded");
  return outcome;
}

/** Everything a rollback must put back, by external id, without ids that differ by design. */
async function snapshot() {
  const sourceId = folder.source.id;
  const [deals, accounts, contacts] = await Promise.all([
    db.deal.findMany({ where: { sourceId }, include: { account: { select: { externalId: true } } }, orderBy: { externalId: "asc" } }),
    db.account.findMany({ where: { sourceId }, orderBy: { externalId: "asc" } }),
    db.contact.findMany({ where: { sourceId }, include: { reportsTo: { select: { externalId: true } }, account: { select: { externalId: true } } }, orderBy: { externalId: "asc" } }),
  ]);
  return {
    deals: deals.map((d) => ({ id: d.externalId, name: d.name, stage: d.stage, amount: d.amountMinor, account: d.account?.externalId ?? null, accountExternalId: d.accountExternalId, removed: d.removedAt !== null, hash: d.contentHash })),
    accounts: accounts.map((a) => ({ id: a.externalId, name: a.name, removed: a.removedAt !== null })),
    contacts: contacts.map((c) => ({ id: c.externalId, account: c.account?.externalId ?? null, reportsTo: c.reportsTo?.externalId ?? null, removed: c.removedAt !== null })),
  };
}

/** Every column of every record of the source, by external id, but updatedAt (a rollback sets it). */
async function rows() {
  const sourceId = folder.source.id;
  const [deals, accounts, contacts] = await Promise.all([
    db.deal.findMany({ where: { sourceId }, orderBy: { externalId: "asc" } }),
    db.account.findMany({ where: { sourceId }, orderBy: { externalId: "asc" } }),
    db.contact.findMany({ where: { sourceId }, orderBy: { externalId: "asc" } }),
  ]);
  const withoutUpdatedAt = <T extends { updatedAt: Date }>(row: T): Omit<T, "updatedAt"> => {
    const copy: Partial<T> = { ...row };
    delete copy.updatedAt;
    return copy as Omit<T, "updatedAt">;
  };
  return { deals: deals.map(withoutUpdatedAt), accounts: accounts.map(withoutUpdatedAt), contacts: contacts.map(withoutUpdatedAt) };
}

const V1: Drop = {
  deals: [
    { id: "D1", account: "A1", stage: "Discovery", amount: 1000 },
    { id: "D2", account: "A1" },
    { id: "D3", account: "A2" },
    { id: "D4", account: "A2" },
  ],
  accounts: [
    { id: "A1", name: "Acme" },
    { id: "A2", name: "Globex" },
  ],
  contacts: [
    { id: "C1", account: "A1" },
    { id: "C2", account: "A1", reportsTo: "C1" },
    { id: "C3", account: "A2" },
  ],
};

const V2: Drop = {
  deals: [
    { id: "D1", account: "A1", stage: "Proposal", amount: 2500 }, // changed field by field
    { id: "D2", account: "A2" }, // account relinked
    { id: "D3", account: "A2" }, // unchanged; D4 removed
    { id: "D5", account: "A3" }, // new, on a new account
  ],
  accounts: [
    { id: "A1", name: "Acme Corp" }, // changed
    { id: "A2", name: "Globex" },
    { id: "A3", name: "Initech" },
  ],
  contacts: [
    { id: "C1", account: "A1" },
    { id: "C2", account: "A1", reportsTo: "C3" }, // reports to someone else
    { id: "C3", account: "A2" },
    { id: "C4", account: "A3", reportsTo: "C1" }, // new
  ],
};

describe("rolling back an import run", () => {
  it("puts back every kind of change: new → removed, changed → previous values, removed → back, account and reports-to links", async () => {
    await importDrop(V1);
    const before = await snapshot();
    const v2 = await importDrop(V2);
    const after = await snapshot();
    expect(after).not.toEqual(before);
    expect(after.deals.find((d) => d.id === "D2")?.account).toBe("A2");
    expect(after.contacts.find((c) => c.id === "C2")?.reportsTo).toBe("C3");

    const result = await rollbackImport(v2.runId, { comment: "wrong drop" }, null, "cli");
    expect(result.dryRun).toBe(false);
    expect(result.runs).toHaveLength(1);
    const { rollbackRun, counts } = result.runs[0];
    // D5 removed, D1 and D2 changed back, D4 back; accounts: A3 removed, A1 changed back; contacts: C4 removed, C2 changed back.
    expect(counts).toMatchObject({ new: 1, changed: 2, removed: 1 });
    expect(counts.accounts).toMatchObject({ new: 0, changed: 1, removed: 1 });
    expect(counts.contacts).toMatchObject({ new: 0, changed: 1, removed: 1 });

    const rolledBack = await snapshot();
    // Everything as before v2, except that what v2 created stays, marked removed.
    const created = { deals: ["D5"], accounts: ["A3"], contacts: ["C4"] };
    for (const kind of ["deals", "accounts", "contacts"] as const) {
      const rows = rolledBack[kind] as { id: string; removed: boolean }[];
      expect(rows.filter((r) => !created[kind].includes(r.id))).toEqual(before[kind]);
      for (const id of created[kind]) expect(rows.find((r) => r.id === id)?.removed).toBe(true);
    }

    // The rollback is a run of its own, with its own diff, linked both ways and audited.
    const run = await db.importRun.findUniqueOrThrow({ where: { id: rollbackRun.id } });
    expect(run).toMatchObject({ status: "succeeded", rollbackOfRunId: v2.runId, trigger: "cli" });
    expect((await db.importRun.findUniqueOrThrow({ where: { id: v2.runId } })).rolledBackByRunId).toBe(rollbackRun.id);
    const changes = (await listRunChanges(rollbackRun.id)).changes.sort((a, b) => a.deal.externalId.localeCompare(b.deal.externalId));
    expect(changes.map((c) => [c.deal.externalId, c.kind])).toEqual([
      ["D1", "changed"],
      ["D2", "changed"],
      ["D4", "new"],
      ["D5", "removed"],
    ]);
    expect(changes[0].fields).toEqual([
      { field: "stage", before: "Proposal", after: "Discovery" },
      { field: "amountMinor", before: "250000", after: "100000" },
    ]);
    expect(changes[2].restored).toBe(true);
    const events = await db.importRunEvent.findMany({ where: { runId: v2.runId } });
    expect(events).toMatchObject([{ kind: "rolled_back", comment: "wrong drop" }]);
    expect(await db.auditEvent.count({ where: { action: "import.rolled_back", targetId: v2.runId } })).toBe(1);

    // Rolling back the rollback redoes the import.
    const redo = await rollbackImport(rollbackRun.id, {}, null, "cli");
    expect(redo.runs[0].counts).toMatchObject({ new: 1, changed: 2, removed: 1 });
    expect(await snapshot()).toEqual(after);
    expect((await db.importRun.findUniqueOrThrow({ where: { id: v2.runId } })).rolledBackByRunId).toBeNull();
  });

  it("rolls back an initial import without images of what it created, and rolling that back restores every field, back and forth", async () => {
    const v1 = await importDrop(V1);
    const imported = await rows();

    const undo = await rollbackImport(v1.runId, {}, null, "cli");
    const { rollbackRun, counts } = undo.runs[0];
    expect(counts).toMatchObject({ new: 0, changed: 0, removed: 4 });
    expect(counts.accounts).toMatchObject({ new: 0, changed: 0, removed: 2 });
    expect(counts.contacts).toMatchObject({ new: 0, changed: 0, removed: 3 });
    // What the import created, untouched since, needs no before-image: removal is all that changed.
    expect(await db.importUndo.count({ where: { runId: rollbackRun.id } })).toBe(0);
    const removed = await rows();
    for (const kind of ["deals", "accounts", "contacts"] as const) {
      expect(removed[kind].every((r) => r.removedAt !== null && r.lastSeenRunId === rollbackRun.id)).toBe(true);
    }
    expect(removed.deals.every((d) => d.lastImportStatus === "removed")).toBe(true);
    // Its review: every deal removed, though it wrote no DealChange rows (lastSeenRunId says it).
    expect(await db.dealChange.count({ where: { runId: rollbackRun.id } })).toBe(0);
    const review = async () => (await listRunChanges(rollbackRun.id)).changes.map((c) => [c.kind, c.deal.externalId, c.fields]);
    const removedAll = V1.deals.map((d) => ["removed", d.id, []]);
    expect(await review()).toEqual(removedAll);
    expect(undo.changes.map((c) => [c.kind, c.deal.externalId])).toEqual(removedAll.map(([kind, id]) => [kind, id]));

    // Rolling the rollback back redoes the import: every column as the import left it.
    const redo = await rollbackImport(rollbackRun.id, {}, null, "cli");
    expect(redo.runs[0].counts).toMatchObject({ new: 4, changed: 0, removed: 0 });
    expect(redo.runs[0].counts.accounts).toMatchObject({ new: 2, changed: 0, removed: 0 });
    expect(await rows()).toEqual(imported);
    const redoChanges = await db.dealChange.findMany({ where: { runId: redo.runs[0].rollbackRun.id } });
    expect(redoChanges.map((c) => [c.kind, c.diff])).toEqual(Array(4).fill(["new", { restored: true, fields: [] }]));
    expect((await db.importRun.findUniqueOrThrow({ where: { id: v1.runId } })).rolledBackByRunId).toBeNull();
    // The first rollback's review still lists its removals: the redo's before-images hold its lastSeenRunId.
    expect(await review()).toEqual(removedAll);

    // And back again: the redo kept images, so undoing it leaves the rows as the first rollback did.
    await rollbackImport(redo.runs[0].rollbackRun.id, {}, null, "cli");
    expect(await rows()).toEqual(removed);
    expect(await review()).toEqual(removedAll);
    expect((await listRunChanges(v1.runId)).byKind).toEqual({ new: 4 });
  });

  it("keeps before-images of created records changed since (or already removed), so the redo restores them as they were", async () => {
    const v1 = await importDrop(V1);
    // States no import leaves a created record in without an image of its own, as an older
    // Dealport could have: a status other than new/unchanged, and a removal.
    await db.deal.updateMany({ where: { externalId: "D1" }, data: { lastImportStatus: "changed" } });
    await db.deal.updateMany({ where: { externalId: "D2" }, data: { removedAt: new Date("2026-11-30T12:00:00Z"), lastImportStatus: "removed" } });
    const before = await rows();

    const undo = await rollbackImport(v1.runId, {}, null, "cli");
    const { rollbackRun, counts } = undo.runs[0];
    expect(counts).toMatchObject({ new: 0, changed: 0, removed: 3 });
    const images = await db.importUndo.findMany({ where: { runId: rollbackRun.id, kind: "deal" } });
    expect(images.map((i) => before.deals.find((d) => d.id === i.recordId)?.externalId).sort()).toEqual(["D1", "D2"]);
    const removedAgain = (await rows()).deals.find((d) => d.externalId === "D2");
    expect(removedAgain).toEqual(before.deals.find((d) => d.externalId === "D2"));

    await rollbackImport(rollbackRun.id, {}, null, "cli");
    expect(await rows()).toEqual(before);
  });

  it("a mixed run: created records go without images, changed and removed ones come back from theirs; its redo restores every field", async () => {
    await importDrop(V1);
    const before = await rows();
    const v2 = await importDrop(V2);
    const after = await rows();
    // A forced re-import of the same drop leaves D5 (created by v2) as v2 wrote it, with no image:
    // it shows "unchanged" because v2 is no longer its source's latest run.
    await importDrop(V2);
    const reimported = await rows();
    const d5 = reimported.deals.find((d) => d.externalId === "D5")!;
    expect(d5).toMatchObject({ lastImportStatus: "new", lastSeenRunId: v2.runId });
    const { latestDealRunId } = await db.source.findUniqueOrThrow({ where: { id: folder.source.id } });
    expect(dealImportStatus(d5, latestDealRunId)).toBe("unchanged");

    const undo = await rollbackImport(v2.runId, {}, null, "cli");
    const { rollbackRun, counts } = undo.runs[0];
    expect(counts).toMatchObject({ new: 1, changed: 2, removed: 1 });
    expect(counts.accounts).toMatchObject({ new: 0, changed: 1, removed: 1 });
    expect(counts.contacts).toMatchObject({ new: 0, changed: 1, removed: 1 });
    // Images of what it changed back (D1, D2, D4; A1; C2), none of what v2 created (D5, A3, C4).
    const images = await db.importUndo.findMany({ where: { runId: rollbackRun.id } });
    const ids = new Map([...after.deals, ...after.accounts, ...after.contacts].map((r) => [r.id, r.externalId]));
    expect(images.map((i) => ids.get(i.recordId)).sort()).toEqual(["A1", "C2", "D1", "D2", "D4"]);
    const rolledBack = await rows();
    for (const kind of ["deals", "accounts", "contacts"] as const) {
      const created = rolledBack[kind].filter((r) => !before[kind].some((b) => b.id === r.id));
      expect(created.map((r) => [r.externalId, r.removedAt !== null, r.lastSeenRunId])).toEqual([[{ deals: "D5", accounts: "A3", contacts: "C4" }[kind], true, rollbackRun.id]]);
    }
    // C2 reports to C1 again; D2 is on A1 again.
    expect(rolledBack.contacts.find((c) => c.externalId === "C2")?.reportsToId).toBe(before.contacts.find((c) => c.externalId === "C1")?.id);
    expect(rolledBack.deals.find((d) => d.externalId === "D2")?.accountId).toBe(before.deals.find((d) => d.externalId === "D2")?.accountId);

    // The redo puts every field back, D5 as v2 created it.
    await rollbackImport(rollbackRun.id, {}, null, "cli");
    expect(await rows()).toEqual(reimported);
  });

  it("takes a restored deal back out, and a run whose deals were all new leaves them removed", async () => {
    const v1 = await importDrop({ deals: [{ id: "D1", account: "A1" }, { id: "D2", account: "A1" }], accounts: [{ id: "A1", name: "Acme" }] });
    await importDrop({ deals: [{ id: "D1", account: "A1" }], accounts: [{ id: "A1", name: "Acme" }] });
    const v3 = await importDrop({ deals: [{ id: "D1", account: "A1" }, { id: "D2", account: "A1", name: "Back again" }], accounts: [{ id: "A1", name: "Acme" }] });
    expect(v3.counts).toMatchObject({ new: 1, changed: 0 });

    const undo = await rollbackImport(v3.runId, {}, null, "api");
    expect(undo.runs[0].counts).toMatchObject({ new: 0, changed: 0, removed: 1 });
    const d2 = await db.deal.findFirstOrThrow({ where: { externalId: "D2" } });
    expect(d2.removedAt).not.toBeNull();
    expect(d2.name).toBe("Deal D2");

    // v1 now conflicts with the still-applied v2 (it removed D2); cascading takes v2 along, newest first.
    await expect(rollbackImport(v1.runId, {}, null, "api")).rejects.toMatchObject({ code: "conflict" });
    const all = await rollbackImport(v1.runId, { cascade: true }, null, "api");
    expect(all.runs.map((r) => r.run.number)).toEqual([2, 1]);
    const deals = await db.deal.findMany({ where: { sourceId: folder.source.id } });
    expect(deals.every((d) => d.removedAt !== null)).toBe(true);
    expect(await db.account.count({ where: { sourceId: folder.source.id, removedAt: null } })).toBe(0);
  });

  it("knows what a run created from firstSeenRunId alone: its review lists them, a newer run that changed one conflicts, the rollback removes exactly them", async () => {
    const accounts = [{ id: "A1", name: "Acme" }];
    const v1 = await importDrop({ deals: [{ id: "D1", account: "A1" }, { id: "D2", account: "A1" }], accounts });
    expect(await db.dealChange.count({ where: { runId: v1.runId } })).toBe(0);
    // The "new" row a run applied before creations were derived wrote: listed once, rolled back the same.
    const d2 = await db.deal.findFirstOrThrow({ where: { externalId: "D2" } });
    await db.dealChange.create({ data: { runId: v1.runId, dealId: d2.id, kind: "new" } });
    const v2 = await importDrop({ deals: [{ id: "D1", account: "A1", stage: "Won" }, { id: "D2", account: "A1" }, { id: "D3", account: "A1" }], accounts });
    expect(v2.counts).toMatchObject({ new: 1, changed: 1 });

    const review = await listRunChanges(v1.runId);
    expect(review.changes.map((c) => [c.kind, c.deal.externalId])).toEqual([["new", "D2"], ["new", "D1"]]);
    expect(review).toMatchObject({ total: 2, byKind: { new: 2 } });
    expect((await listRunChanges(v1.runId, { kind: "new", q: "d1" })).changes.map((c) => c.deal.externalId)).toEqual(["D1"]);
    expect((await listRunChanges(v1.runId, { kind: "removed" })).changes).toEqual([]);
    expect((await listRunChanges(v2.runId, { offset: 1 })).changes.map((c) => [c.kind, c.deal.externalId])).toEqual([["new", "D3"]]);
    expect((await listRunChanges(v2.runId)).byKind).toEqual({ changed: 1, new: 1 });

    const refused = await rollbackImport(v1.runId, {}, null, "cli").catch((error) => error);
    expect(refused.details.deals.map((d: { externalId: string }) => d.externalId)).toEqual(["D1"]);
    const all = await rollbackImport(v1.runId, { cascade: true }, null, "cli");
    expect(all.runs.map((r) => [r.run.id, r.counts.changed, r.counts.removed])).toEqual([[v2.runId, 1, 1], [v1.runId, 0, 2]]);
    const deals = await db.deal.findMany({ where: { sourceId: folder.source.id }, orderBy: { externalId: "asc" } });
    expect(deals.map((d) => [d.externalId, d.removedAt !== null])).toEqual([["D1", true], ["D2", true], ["D3", true]]);
    // What the first run did stays its review.
    expect((await listRunChanges(v1.runId)).byKind).toEqual({ new: 2 });
  });

  it("refuses an older run that newer runs changed the same deals of, listing them; a dry run with cascade previews and changes nothing", async () => {
    await importDrop(V1);
    const v2 = await importDrop(V2);
    const v3 = await importDrop({ ...V2, deals: V2.deals.map((d) => (d.id === "D1" ? { ...d, stage: "Won" } : d)) });

    const refused = await rollbackImport(v2.runId, {}, null, "cli").catch((error) => error);
    expect(refused).toMatchObject({ code: "conflict" });
    expect(refused.message).toMatch(/newer run #3 changed 1 of the same records \(deals D1\)/);
    expect(refused.details.deals.map((d: { externalId: string }) => d.externalId)).toEqual(["D1"]);
    expect(refused.details.runs.map((r: { id: string }) => r.id)).toEqual([v3.runId]);

    const state = await snapshot();
    const runs = await db.importRun.count();
    const dry = await rollbackImport(v2.runId, { cascade: true, dryRun: true }, null, "cli");
    expect(dry.dryRun).toBe(true);
    expect(dry.runs.map((r) => r.run.id)).toEqual([v3.runId, v2.runId]);
    expect(dry.changes.find((c) => c.runNumber === 3)).toMatchObject({ kind: "changed", deal: { externalId: "D1" }, fields: [{ field: "stage", before: "Won", after: "Proposal" }] });
    expect(await snapshot()).toEqual(state);
    expect(await db.importRun.count()).toBe(runs);

    await rollbackImport(v2.runId, { cascade: true }, null, "cli");
    const d1 = await db.deal.findFirstOrThrow({ where: { externalId: "D1" } });
    expect(d1).toMatchObject({ stage: "Discovery", amountMinor: 100000n });

    // A run without before-images (applied before they were kept) is refused, not half rolled back.
    const v4 = await importDrop({ ...V1, deals: V1.deals.map((d) => (d.id === "D1" ? { ...d, stage: "Lost" } : d)) });
    await db.importUndo.deleteMany({ where: { runId: v4.runId } });
    await expect(rollbackImport(v4.runId, {}, null, "cli")).rejects.toThrow(/cannot be rolled back/);
  });

  it("never interleaves with an import of the same source: a rollback during an import is refused and changes nothing; an import started with a rollback: one goes, the other is refused", async () => {
    await importDrop(V1);
    const v2 = await importDrop(V2);
    const state = await snapshot();

    // An import that holds the source while it "reads" until released.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const reader: ImportReader = {
      missingRate: "keep",
      async *read(): AsyncIterable<ImportEvent> {
        await gate;
      },
    };
    const running = await startImport({ source: folder.source.id, trigger: "cli", actor: null, reader: async () => reader });
    const refused = await rollbackImport(v2.runId, {}, null, "cli").catch((error) => error);
    expect(refused).toMatchObject({ code: "conflict" });
    expect(refused.message).toMatch(/An import of "Rollback drop" is running/);
    expect(await snapshot()).toEqual(state);
    expect(await db.importRun.count({ where: { rollbackOfRunId: { not: null } } })).toBe(0);
    release();
    await running.done;

    // Both at once: whichever takes the source first goes, the other is refused with 409; never half of either.
    writeDrop(folder.dir, V1);
    const [rollback, started] = await Promise.allSettled([rollbackImport(v2.runId, {}, null, "cli"), startImport({ source: folder.source.id, trigger: "cli", actor: null, force: true })]);
    const refusals = [rollback, started].filter((r) => r.status === "rejected");
    for (const r of refusals) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });
    if (started.status === "fulfilled") expect((await started.value.done).status).toBe("succeeded");
    const final = await snapshot();
    // Either order leaves v1's values live (the rollback brings them back, the import re-applies them).
    expect(final.deals.filter((d) => !d.removed).map((d) => [d.id, d.stage, d.account])).toEqual([
      ["D1", "Discovery", "A1"],
      ["D2", "Discovery", "A1"],
      ["D3", "Discovery", "A2"],
      ["D4", "Discovery", "A2"],
    ]);
  });
});
