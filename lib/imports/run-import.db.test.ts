// Import rules (docs/contracts/import-rules.md) against real PostgreSQL and the sandbox S3, driven by the
// seed data and its manifest: v1, then the v2 snapshot over the same keys.
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { addExchangeRate } from "@/lib/currency/add-exchange-rate";
import { listDeals } from "@/lib/deals/list-deals";
import { countDeals } from "@/lib/deals/summarize-deals";
import { saveSourceReview } from "@/lib/sources/save-source-review";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import type { S3Server } from "@/sandbox/s3";
import { DEMO_BUCKET } from "@/sandbox/seed-data";
import { testSourceConnection } from "@/lib/sources/test-source-connection";
import { listRunChanges } from "./list-run-changes";
import { parseJointflowsDeals } from "./parse";
import type { ImportProblem } from "./parse/problems";
import { startImport } from "./start-import";
import { createS3Source, dropSeedFolder, manifest, seedFile, startSeededS3 } from "./test/import-fixtures";

const db = connectTestDatabase();
let s3: S3Server;
const PREFIX = "drop/";

beforeAll(async () => {
  s3 = await startSeededS3();
});
afterAll(async () => {
  await s3.stop();
  await disconnectDb();
});
beforeEach(async () => {
  await truncateAll();
  dropSeedFolder(s3, "jointflows", PREFIX);
});

async function importNow(source: string, options: { force?: boolean } = {}) {
  const started = await startImport({ source, trigger: "cli", actor: null, force: options.force });
  return started.done;
}

const liveDeal = (sourceId: string, externalId: string) => db.deal.findUniqueOrThrow({ where: { sourceId_externalId: { sourceId, externalId } } });

describe("Jointflows snapshots", () => {
  it("imports v1: every deal new, accounts merged with deals.csv winning, contacts linked to accounts and managers, provenance kept", async () => {
    const source = await createS3Source(s3, { name: "Jointflows", prefix: PREFIX, format: "jointflows" });
    const outcome = await importNow(source.id);
    expect(outcome.error).toBeNull();
    expect(outcome.status).toBe("succeeded");
    expect(outcome.counts).toMatchObject({ new: manifest.jointflows.deals, changed: 0, removed: 0, rejected: 0 });
    expect(outcome.counts.accounts).toMatchObject({ new: manifest.jointflows.accounts, removed: 0 });
    expect(outcome.counts.contacts).toMatchObject({ new: manifest.jointflows.contacts, removed: 0 });
    expect(await db.deal.count({ where: { sourceId: source.id } })).toBe(manifest.jointflows.deals);
    // The run's review lists every deal as new; they are its deals (firstSeenRunId), with no DealChange row each.
    expect((await listRunChanges(outcome.runId, { limit: 1 })).byKind).toEqual({ new: manifest.jointflows.deals });
    expect(await db.deal.count({ where: { sourceId: source.id, firstSeenRunId: outcome.runId } })).toBe(manifest.jointflows.deals);
    expect(await db.dealChange.count({ where: { runId: outcome.runId } })).toBe(0);

    for (const override of manifest.jointflows.inlineAccountOverrides) {
      const account = await db.account.findUniqueOrThrow({ where: { sourceId_externalId: { sourceId: source.id, externalId: override.account_unique_id } } });
      expect(account.name).toBe(override.deals_csv_name);
    }
    const deal = await liveDeal(source.id, "DL-10001");
    expect(deal).toMatchObject({ stage: "Discovery", amountMinor: 1200000n, currency: "USD", amountBaseMinor: 1200000n, lastImportStatus: "new" });
    expect(deal.provenance).toEqual({ sourceId: source.id, runId: outcome.runId, file: "deals.csv", line: 2 });
    const account = await db.account.findUniqueOrThrow({ where: { id: deal.accountId! } });
    expect(account.externalId).toBe("AC-0001");

    const contact = await db.contact.findUniqueOrThrow({ where: { sourceId_externalId: { sourceId: source.id, externalId: "CT-00002" } }, include: { reportsTo: true, account: true } });
    expect(contact.reportsTo?.externalId).toBe("CT-00001");
    expect(contact.account?.externalId).toBe("AC-0001");

    const run = await db.importRun.findUniqueOrThrow({ where: { id: outcome.runId } });
    const files = run.files as { name: string; etag: string; size: number; status: string }[];
    expect(files.map((f) => [f.name, f.status])).toEqual([
      ["accounts.csv", "imported"],
      ["deals.csv", "imported"],
      ["contacts.csv", "imported"],
    ]);
    expect(files.every((f) => f.etag && f.size > 0)).toBe(true);
  });

  it("imports v2 over v1: added, changed field by field, removed (never deleted), rejected rows with line and column, the rest unchanged", async () => {
    const source = await createS3Source(s3, { name: "Jointflows", prefix: PREFIX, format: "jointflows" });
    await importNow(source.id);
    dropSeedFolder(s3, "jointflows-v2", PREFIX);
    const outcome = await importNow(source.id);
    const v2 = manifest.jointflowsV2;

    expect(outcome.status).toBe("succeeded");
    expect(outcome.counts).toMatchObject({
      new: v2.added.length,
      changed: v2.changed.length,
      removed: v2.removed.length,
      unchanged: v2.unchanged,
      rejected: v2.rejected.length,
    });
    expect(outcome.counts.accounts).toMatchObject({ new: v2.accounts.added.length, changed: v2.accounts.changed.length });
    expect(outcome.counts.contacts).toMatchObject({ new: v2.contacts.added.length, removed: v2.contacts.removed.length, changed: v2.contacts.changed.length });

    const { changes } = await listRunChanges(outcome.runId, { limit: 1000 });
    const byKind = (kind: string) => changes.filter((c) => c.kind === kind).map((c) => c.deal.externalId).sort();
    expect(byKind("new")).toEqual([...v2.added].sort());
    expect(byKind("removed")).toEqual([...v2.removed].sort());
    expect(byKind("changed")).toEqual(v2.changed.map((c) => c.deal_unique_id).sort());

    const FIELD = { deal_stage: "stage", value: "amountMinor", target_close_date: "closeDate" } as Record<string, string>;
    for (const expected of v2.changed) {
      const change = changes.find((c) => c.deal.externalId === expected.deal_unique_id)!;
      const { fields } = change;
      expect(fields.map((f) => f.field)).toEqual(Object.keys(expected.fields).map((k) => FIELD[k]));
      for (const [column, { from, to }] of Object.entries(expected.fields)) {
        const field = fields.find((f) => f.field === FIELD[column])!;
        const money = (v: string) => String(Math.round(Number(v) * 100));
        expect([field.before, field.after]).toEqual(column === "value" ? [money(from), money(to)] : [from, to]);
      }
    }

    for (const id of v2.removed) {
      const deal = await liveDeal(source.id, id);
      expect(deal.removedAt).not.toBeNull();
      expect(deal.lastImportStatus).toBe("removed");
    }
    const problems = await db.importProblem.findMany({ where: { runId: outcome.runId, severity: "error" } });
    for (const rejected of v2.rejected) {
      expect(problems).toContainEqual(expect.objectContaining({ file: rejected.file, line: rejected.line, column: rejected.column }));
    }
    // A rejected row of an existing deal keeps the deal as it was: neither removed nor changed.
    const kept = v2.rejected.find((r) => r.existing)!;
    const keptDeal = await liveDeal(source.id, kept.deal_unique_id);
    expect(keptDeal.removedAt).toBeNull();
    expect(keptDeal.lastSeenRunId).not.toBe(outcome.runId);
    for (const rejected of v2.rejected.filter((r) => !r.existing)) {
      expect(await db.deal.count({ where: { sourceId: source.id, externalId: rejected.deal_unique_id } })).toBe(0);
    }
    // As the deals table, the export and the API show them: what this run did to a deal, and
    // "unchanged" for every deal it did not write (the unchanged rows were not rewritten).
    const rows = (await listDeals({ filter: { source: [source.id] }, limit: 1000 })).rows;
    const expectedStatus = new Map<string, string>([
      ...v2.added.map((id) => [id, "new"] as const),
      ...v2.changed.map((c) => [c.deal_unique_id, "changed"] as const),
      ...v2.removed.map((id) => [id, "removed"] as const),
    ]);
    expect(rows.length).toBeGreaterThan(expectedStatus.size);
    for (const row of rows) expect([row.externalId, row.lastImportStatus]).toEqual([row.externalId, expectedStatus.get(row.externalId) ?? "unchanged"]);
    expect(await db.deal.count({ where: { sourceId: source.id, lastSeenRunId: outcome.runId } })).toBe(expectedStatus.size);
    expect(await countDeals({ source: [source.id], status: "new" })).toBe(v2.added.length);
    expect(await countDeals({ source: [source.id], status: "changed" })).toBe(v2.changed.length);
    const removedContact = await db.contact.findUniqueOrThrow({ where: { sourceId_externalId: { sourceId: source.id, externalId: v2.contacts.removed[0] } } });
    expect(removedContact.removedAt).not.toBeNull();
  });

  it("skips files whose ETag has not changed, and re-reads them when forced", async () => {
    const source = await createS3Source(s3, { name: "Jointflows", prefix: PREFIX, format: "jointflows" });
    await importNow(source.id);
    const again = await importNow(source.id);
    expect(again.status).toBe("unchanged");
    expect(again.counts).toMatchObject({ new: 0, changed: 0, removed: 0, unchanged: manifest.jointflows.deals });
    expect(again.files.map((f) => f.status)).toEqual(["unchanged", "unchanged", "unchanged"]);
    const gets = s3.requests.filter((r) => r.operation === "GetObject").length;

    // Only contacts.csv changes: deals and accounts stay skipped.
    s3.putObject(DEMO_BUCKET, `${PREFIX}contacts.csv`, seedFile("jointflows-v2/contacts.csv"));
    const contactsOnly = await importNow(source.id);
    expect(contactsOnly.status).toBe("succeeded");
    expect(contactsOnly.files.map((f) => [f.name, f.status])).toEqual([
      ["accounts.csv", "unchanged"],
      ["deals.csv", "unchanged"],
      ["contacts.csv", "imported"],
    ]);
    expect(s3.requests.filter((r) => r.operation === "GetObject").length).toBe(gets + 1);

    const forced = await importNow(source.id, { force: true });
    expect(forced.status).toBe("succeeded");
    expect(forced.counts).toMatchObject({ new: 0, changed: 0, removed: 0, unchanged: manifest.jointflows.deals });
  });

  it("a connection cut halfway through deals.csv fails the run and leaves the previous snapshot fully visible", async () => {
    const source = await createS3Source(s3, { name: "Jointflows", prefix: PREFIX, format: "jointflows" });
    await importNow(source.id);
    const before = await db.deal.findMany({ where: { sourceId: source.id }, orderBy: { externalId: "asc" } });
    dropSeedFolder(s3, "jointflows-v2", PREFIX);
    s3.cutNextBody({ bucket: DEMO_BUCKET, key: `${PREFIX}deals.csv`, afterBytes: 12_000 });

    const outcome = await importNow(source.id);
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toMatch(/deals\.csv/);
    expect(await db.deal.findMany({ where: { sourceId: source.id }, orderBy: { externalId: "asc" } })).toEqual(before);
    expect(await db.dealChange.count({ where: { runId: outcome.runId } })).toBe(0);
    const run = await db.importRun.findUniqueOrThrow({ where: { id: outcome.runId } });
    expect(run).toMatchObject({ status: "failed", error: outcome.error });
    expect(run.finishedAt).not.toBeNull();

    // The next run reads v2 in full (a failed run does not count for ETag skipping).
    const retry = await importNow(source.id);
    expect(retry.counts).toMatchObject({ new: manifest.jointflowsV2.added.length, removed: manifest.jointflowsV2.removed.length });
  });

  it("a deals.csv missing a required column is rejected with one clear message and changes nothing", async () => {
    const source = await createS3Source(s3, { name: "Jointflows", prefix: PREFIX, format: "jointflows" });
    await importNow(source.id);
    const before = await db.deal.findMany({ where: { sourceId: source.id }, orderBy: { externalId: "asc" } });
    const v2 = seedFile("jointflows-v2/deals.csv").toString("utf8").replace("owner_email,", "owner,");
    s3.putObject(DEMO_BUCKET, `${PREFIX}deals.csv`, v2);

    const outcome = await importNow(source.id);
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toMatch(/deals\.csv is missing required column "owner_email"/);
    const problems = await db.importProblem.findMany({ where: { runId: outcome.runId, severity: "error" } });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "deals.csv", line: null, code: "missing_columns" });
    expect(await db.deal.findMany({ where: { sourceId: source.id }, orderBy: { externalId: "asc" } })).toEqual(before);
    expect(outcome.files.find((f) => f.name === "deals.csv")?.status).toBe("rejected");
  });

  it("refuses a second import of the same source while one is running", async () => {
    const source = await createS3Source(s3, { name: "Jointflows", prefix: PREFIX, format: "jointflows" });
    const first = await startImport({ source: source.id, trigger: "cli", actor: null });
    await expect(startImport({ source: source.id, trigger: "api", actor: null })).rejects.toMatchObject({ code: "conflict" });
    expect((await first.done).status).toBe("succeeded");
    // Once it has finished, the next one may start.
    expect((await importNow(source.id)).status).toBe("unchanged");
  });

  it("cancelling stops the run and changes nothing", async () => {
    const source = await createS3Source(s3, { name: "Jointflows", prefix: PREFIX, format: "jointflows" });
    const started = await startImport({ source: source.id, trigger: "cli", actor: null });
    await db.importRun.update({ where: { id: started.runId }, data: { cancelRequested: true } });
    const { abortActiveRun } = await import("./start-import");
    abortActiveRun(started.runId);
    const outcome = await started.done;
    expect(outcome.status).toBe("cancelled");
    expect(await db.deal.count({ where: { sourceId: source.id } })).toBe(0);
  });
});

describe("Jointflows drop with only deals.csv", () => {
  it("imports every deal with its account from the inline account columns; Test connection calls the drop valid", async () => {
    await addExchangeRate({ currency: "EUR", rate: "1.10", validFrom: "2000-01-01" }, null);
    await addExchangeRate({ currency: "GBP", rate: "1.25", validFrom: "2000-01-01" }, null);
    const source = await createS3Source(s3, { name: "Inline", prefix: "jointflows-inline/", format: "jointflows" });
    const tested = await testSourceConnection(source.id, null);
    expect(tested).toMatchObject({ ok: true, missing: [] });
    expect(tested.files.map((f) => [f.name, f.use])).toEqual([["deals.csv", "read"]]);

    const outcome = await importNow(source.id);
    expect(outcome.error).toBeNull();
    expect(outcome.counts).toMatchObject({ new: manifest.jointflowsInline.deals, rejected: 0 });
    expect(outcome.counts.accounts).toMatchObject({ new: manifest.jointflowsInline.accounts });
    expect(await db.deal.count({ where: { sourceId: source.id, accountId: null } })).toBe(0);
    const deal = await liveDeal(source.id, "DL-10001");
    const account = await db.account.findUniqueOrThrow({ where: { id: deal.accountId! } });
    expect(account).toMatchObject({ externalId: "AC-0001", name: "Northwind Logistics", url: "https://www.northwindlogistics.example", industry: "Logistics" });
    expect(await db.importProblem.findMany({ where: { runId: outcome.runId, severity: { in: ["error", "warning"] } } })).toEqual([]);
  });
});

describe("Jointflows ids repeated in a file", () => {
  it("keeps the last row of an id and warns about each repeat naming both lines, as the parser does, within a batch and across batches", async () => {
    // Over 1,000 rows, so repeats fall both inside one parser batch and across two.
    const header = "Name,target_close_date,owner_email,value,DEAL_UNIQUE_ID,account_unique_id,account_name\n";
    const rows = Array.from({ length: 1200 }, (_, i) => `Deal ${i},2027-01-01,a@example.com,${i},DL-${i % 1100},AC-1,Acme\n`);
    rows[5] = "First X,2027-01-01,a@example.com,5,DL-X,AC-1,Acme\n";
    rows[8] = "Second X,2027-01-01,a@example.com,8,DL-X,AC-1,Acme\n";
    const deals = header + rows.join("");
    s3.putObject(DEMO_BUCKET, "repeats/deals.csv", Buffer.from(deals));
    const source = await createS3Source(s3, { name: "Repeats", prefix: "repeats/", format: "jointflows" });

    const outcome = await importNow(source.id);
    expect(outcome.status).toBe("succeeded");
    expect(outcome.counts).toMatchObject({ new: 1101, rejected: 0 });
    expect((await liveDeal(source.id, "DL-X")).name).toBe("Second X");
    expect((await liveDeal(source.id, "DL-5")).name).toBe("Deal 1105");
    const parsed: ImportProblem[] = [];
    for await (const batch of parseJointflowsDeals(Buffer.from(deals), { file: "deals.csv", exponentOf: () => 2, defaultCurrency: "USD" })) parsed.push(...batch.problems);
    const duplicates = parsed.filter((p) => p.code === "duplicate_id");
    expect(duplicates).toHaveLength(99);
    const stored = await db.importProblem.findMany({ where: { runId: outcome.runId, code: "duplicate_id" }, orderBy: { line: "asc" } });
    const shape = (p: { severity: string; file: string; line: number | null; column: string | null; code: string; message: string; excerpt: string | null }) =>
      ({ severity: p.severity, file: p.file, line: p.line, column: p.column, code: p.code, message: p.message, excerpt: p.excerpt });
    expect(stored.map(shape)).toEqual(duplicates.map(shape).sort((a, b) => a.line! - b.line!));
  });
});

describe("Dreamdata stage objects", () => {
  it("keeps who each stage object belongs to: company_id → the deal's account, contact_id / email / emails → contacts, created_date → sourceCreatedAt", async () => {
    const source = await createS3Source(s3, { name: "Dreamdata people", prefix: "dreamdata/", format: "dreamdata" });
    await addExchangeRate({ currency: "EUR", rate: "1.10", validFrom: "2000-01-01" }, null);
    await addExchangeRate({ currency: "GBP", rate: "1.25", validFrom: "2000-01-01" }, null);
    const outcome = await importNow(source.id);
    expect(outcome.status).toBe("succeeded");
    expect(outcome.counts.accounts!.new).toBeGreaterThan(10);
    expect(outcome.counts.contacts!.new).toBeGreaterThan(10);

    const stageObjects = gunzipSync(seedFile("dreamdata/stages.ndjson.gz")).toString("utf8").trimEnd().split("\n").map((line) => JSON.parse(line));
    const full = stageObjects.find((o) => o.company_id && o.contact_id && o.email && o.created_date);
    const deal = await db.deal.findUniqueOrThrow({ where: { sourceId_externalId: { sourceId: source.id, externalId: full.id } }, include: { account: { include: { contacts: true } } } });
    expect(deal.account?.externalId).toBe(full.company_id);
    expect(deal.sourceCreatedAt?.toISOString()).toBe(full.created_date.replace("Z", ".000Z"));
    const person = deal.account!.contacts.find((c) => c.externalId === full.contact_id)!;
    expect(person.email).toBe(full.email);
    expect(deal.account!.contacts.filter((c) => c.isPrimary)).toHaveLength(1);
    expect(await db.deal.count({ where: { sourceId: source.id, accountId: null } })).toBe(manifest.dreamdata.withoutCompanyId);
  });

  it("reads only the newest of several dated dumps by default, or all of them as one snapshot; the run says which files it ignored and why", async () => {
    const lines = gunzipSync(seedFile("dreamdata/stages.ndjson.gz")).toString("utf8").trimEnd().split("\n");
    const older = lines.slice(0, 10).join("\n") + "\n";
    const newer = lines.slice(5, 30).join("\n") + "\n";
    s3.putObject(DEMO_BUCKET, "dumps/stage-objects-2026-11-01.ndjson.gz", gzipSync(older));
    s3.putObject(DEMO_BUCKET, "dumps/stage-objects-2026-11-02.ndjson.gz", gzipSync(newer));
    s3.putObject(DEMO_BUCKET, "dumps/README.txt", Buffer.from("exports"));
    await addExchangeRate({ currency: "EUR", rate: "1.10", validFrom: "2000-01-01" }, null);
    await addExchangeRate({ currency: "GBP", rate: "1.25", validFrom: "2000-01-01" }, null);

    const newest = await createS3Source(s3, { name: "Dumps newest", prefix: "dumps/", format: "dreamdata" });
    const first = await importNow(newest.id);
    expect(first.counts).toMatchObject({ new: 25, rejected: 0 });
    expect(first.files.map((f) => [f.name, f.status, f.reason ?? null])).toEqual([
      ["README.txt", "ignored", "not a stage-object dump"],
      ["stage-objects-2026-11-01.ndjson.gz", "ignored", "an older dump: the newest file (stage-objects-2026-11-02.ndjson.gz) is the full snapshot"],
      ["stage-objects-2026-11-02.ndjson.gz", "imported", null],
    ]);
    const tested = await testSourceConnection(newest.id, null);
    expect(tested.files.filter((f) => f.use === "read").map((f) => f.name)).toEqual(["stage-objects-2026-11-02.ndjson.gz"]);

    const all = await createS3Source(s3, { name: "Dumps all", prefix: "dumps/", format: "dreamdata", parse: { dreamdataDumps: "all" } });
    const together = await importNow(all.id);
    expect(together.counts).toMatchObject({ new: 30, rejected: 0 });
    expect(together.files.filter((f) => f.status === "imported").map((f) => f.name)).toEqual(["stage-objects-2026-11-01.ndjson.gz", "stage-objects-2026-11-02.ndjson.gz"]);
  });

  it("converts mixed currencies to the base currency; a currency without a rate rejects its rows naming the currency", async () => {
    await addExchangeRate({ currency: "EUR", rate: "1.10", validFrom: "2000-01-01" }, null);
    const source = await createS3Source(s3, { name: "Dreamdata", prefix: "dreamdata/", format: "dreamdata" });
    // A third of its rows are rejected on purpose: past the default review rule, so apply it.
    await saveSourceReview({ sourceId: source.id, mode: "never" }, null);
    const outcome = await importNow(source.id);
    const { currencies, stages } = manifest.dreamdata;

    expect(outcome.status).toBe("succeeded");
    expect(outcome.files.map((f) => [f.name, f.status])).toEqual([
      ["stages.csv", "ignored"],
      ["stages.ndjson.gz", "imported"],
    ]);
    expect(outcome.counts).toMatchObject({ new: stages - currencies.GBP, rejected: currencies.GBP });
    const problems = await db.importProblem.findMany({ where: { runId: outcome.runId, code: "missing_rate" } });
    expect(problems).toHaveLength(currencies.GBP);
    expect(problems.every((p) => p.message.includes("GBP") && p.line !== null && p.column === "currency")).toBe(true);

    const eur = await db.deal.findFirstOrThrow({ where: { sourceId: source.id, currency: "EUR" } });
    expect(eur.amountBaseMinor).toBe((eur.amountMinor! * 110n + 50n) / 100n);
    const usd = await db.deal.findFirstOrThrow({ where: { sourceId: source.id, currency: "USD" } });
    expect(usd.amountBaseMinor).toBe(usd.amountMinor);
  });
});
