// Exact Sales pulls end to end: the fake API → the import runner → PostgreSQL. Full pulls
// are snapshots; incremental pulls re-read the update window and move the savepoint only
// when they succeed; a failed pull changes nothing.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { saveCredential } from "@/lib/credentials/save-credential";
import { startDueImports } from "@/lib/imports/import-scheduler";
import { startImport } from "@/lib/imports/start-import";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { ensureTestSecretKey } from "@/lib/test/push-fixtures";
import { startExactSalesServer, type ExactSalesServer, type ExactSalesServerOptions } from "@/sandbox/exact-sales";
import { saveSource } from "../save-source";
import { exactSalesReaderFor, type ExactSalesClientOverrides } from "./exact-sales-reader-for";
import type { ExactSalesReader } from "./read-exact-sales";
import type { ExactSalesSettingsInput } from "./schemas";

ensureTestSecretKey();
const db = connectTestDatabase();
const NOW = new Date("2024-06-01T12:00:00Z");
const DAY_MS = 86_400_000;
let server: ExactSalesServer;

afterEach(async () => {
  await server?.stop();
});
afterAll(async () => {
  await disconnectDb();
});
beforeEach(async () => {
  await truncateAll();
});

async function sourceFor(options: ExactSalesServerOptions & { config?: ExactSalesSettingsInput["config"]; savepoint?: string } = {}) {
  const { config, savepoint, ...serverOptions } = options;
  server = await startExactSalesServer({ now: NOW, rateLimit: null, ...serverOptions });
  const { credential } = await saveCredential({ kind: "exact_sales", name: "Exact token", endpoint: server.baseUrl, secret: { token: server.token } }, null);
  const { source } = await saveSource({ kind: "exact_sales", name: "Exact Sales", credentialId: credential.id, config: { baseUrl: server.baseUrl, ...config }, savepoint }, null);
  return source;
}

/** A pull with fast retries (the fake's faults need no real backoff), and what its reader saw. */
async function pull(sourceId: string, client: ExactSalesClientOverrides = {}) {
  let reader: ExactSalesReader | null = null;
  const started = await startImport({
    source: sourceId,
    trigger: "cli",
    actor: null,
    reader: async () => (reader = await exactSalesReaderFor(sourceId, { rateLimit: null, backoffBaseMs: 5, backoffMaxMs: 20, ...client })),
  });
  const outcome = await started.done;
  const used = reader as ExactSalesReader | null;
  return { ...outcome, mode: used?.options.mode, window: used?.options.window, savepoint: { before: used?.options.savepoint ?? null, after: used?.savepointAfter ?? null } };
}

const dealNamed = (externalId: string, sourceId: string) => db.deal.findUniqueOrThrow({ where: { sourceId_externalId: { sourceId, externalId } } });

/** fetch that runs `then` once the first page of leads has arrived: a fault in the middle of a pull. */
function afterFirstLeadsPage(then: () => void): typeof fetch {
  let done = false;
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!done && new URL(String(input)).pathname.endsWith("/Leads")) {
      done = true;
      then();
    }
    return response;
  };
}

const savepointOf = async (sourceId: string) => (await db.source.findUniqueOrThrow({ where: { id: sourceId } })).savepoint;

describe("full pull", () => {
  it("imports every lead as a deal with its account and contacts, and shows as an import run", async () => {
    const source = await sourceFor();
    const outcome = await pull(source.id);
    const persons = server.store.records("persons").length;

    expect(outcome.error).toBeNull();
    expect(outcome).toMatchObject({ status: "succeeded", mode: "full", counts: { new: 300, changed: 0, removed: 0, rejected: 0 } });
    expect(outcome.counts.accounts).toMatchObject({ new: 300 });
    expect(outcome.counts.contacts).toMatchObject({ new: persons });

    const sale = server.store.records("leadsSold")[0];
    const deal = await db.deal.findUniqueOrThrow({ where: { sourceId_externalId: { sourceId: source.id, externalId: String(sale.leadId) } }, include: { account: true } });
    expect(deal).toMatchObject({ amountMinor: BigInt(Math.round(sale.totalDealValue * 100)), currency: "BRL", lastImportStatus: "new" });
    expect(deal.account?.externalId).toBe(String(sale.leadId));
    expect(await db.contact.count({ where: { sourceId: source.id, accountId: { not: null } } })).toBe(persons);
    // persons_maincontact is the account's primary contact, one per lead.
    const main = server.store.records("persons").find((person) => person.leadId === sale.leadId && person.mainContact)!;
    const primaries = await db.contact.findMany({ where: { sourceId: source.id, isPrimary: true }, select: { externalId: true } });
    expect(primaries).toHaveLength(300);
    expect(primaries.map((contact) => contact.externalId)).toContain(String(main.id));

    const run = await db.importRun.findUniqueOrThrow({ where: { id: outcome.runId } });
    expect(run).toMatchObject({ status: "succeeded", trigger: "cli" });
    expect((run.files as { name: string }[]).map((file) => file.name)).toContain("Leads");
    // The savepoint is the newest updateDate seen, even for a full pull (a later switch to incremental starts there).
    const newest = Math.max(...server.store.records("leads").map((lead) => Date.parse(lead.updateDate)));
    expect((await savepointOf(source.id))?.getTime()).toBe(newest);
  });

  it("is a snapshot: a lead deleted in Exact is marked removed, a changed one shows its field diff", async () => {
    const source = await sourceFor();
    await pull(source.id);
    const target = server.store.records("leads").find((lead) => lead.funnelId === 40101 && lead.stage === "Qualificação")!;
    server.store.deleteLeads([51430002]);
    server.store.touchLeads([target.id], { changes: { stage: "Negociação" } });

    const outcome = await pull(source.id);
    expect(outcome.counts).toMatchObject({ new: 0, changed: 1, removed: 1, unchanged: 298 });
    expect((await dealNamed("51430002", source.id)).removedAt).not.toBeNull();
    const change = await db.dealChange.findFirstOrThrow({ where: { runId: outcome.runId, kind: "changed" }, include: { deal: true } });
    expect(change.deal.externalId).toBe(String(target.id));
    expect(change.diff).toEqual({
      fields: [
        { field: "stage", before: "Qualificação", after: "Negociação" },
        { field: "properties.stagePosition", before: 3, after: 6 },
      ],
    });
  });
});

describe("the generic import entry point", () => {
  it("runs an Exact Sales source like any other (Imports page button, POST /api/v1/imports, scheduler) and moves its savepoint", async () => {
    const source = await sourceFor({ config: { mode: "incremental" }, savepoint: "2024-05-25T00:00:00Z" });
    const outcome = await (await startImport({ source: source.id, trigger: "api", actor: null })).done;
    expect(outcome.error).toBeNull();
    expect(outcome.status).toBe("succeeded");
    expect(outcome.counts.new).toBeGreaterThan(0);
    expect((await savepointOf(source.id))!.getTime()).toBeGreaterThan(Date.parse("2024-05-25T00:00:00Z"));
  });

  it("a scheduled Exact Sales source is started by the scheduler, which opens it through the source registry", async () => {
    const source = await sourceFor({ config: { mode: "incremental", rateLimitRequests: 10_000 }, savepoint: "2024-05-25T00:00:00Z" });
    await db.source.update({ where: { id: source.id }, data: { scheduleMinutes: 60 } });
    const lines: string[] = [];
    const [runId, ...others] = await startDueImports(NOW, (line) => lines.push(line));
    expect(others).toEqual([]);
    const run = await finished(runId);
    expect(run).toMatchObject({ sourceId: source.id, trigger: "schedule", status: "succeeded", error: null });
    expect((run.counts as { new: number }).new).toBeGreaterThan(0);
    expect(server.requests.some((request) => request.path === "/v3/Leads")).toBe(true);
    expect((await savepointOf(source.id))!.getTime()).toBeGreaterThan(Date.parse("2024-05-25T00:00:00Z"));
    expect(lines[0]).toBe(`Scheduled import of "Exact Sales" started (run ${runId})`);
    // Not due again within its hour.
    expect(await startDueImports(new Date(Date.now() + 30 * 60_000))).toEqual([]);
  });
});

async function finished(runId: string) {
  for (let i = 0; i < 300; i++) {
    const run = await db.importRun.findUniqueOrThrow({ where: { id: runId } });
    if (run.status !== "running") return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`run ${runId} never finished`);
}

describe("incremental pull", () => {
  it("re-reads only the window, advances the savepoint, and never marks unseen deals removed", async () => {
    const source = await sourceFor({ config: { mode: "incremental", pastWindowDays: 0, futureWindowDays: 365 } });
    // First pull without a savepoint: every lead.
    const first = await pull(source.id);
    expect(first.counts.new).toBe(300);
    const savepoint = (await savepointOf(source.id))!;

    const touchedAt = new Date(savepoint.getTime() + 60_000);
    server.store.touchLeads([51430010, 51430020], { at: touchedAt, changes: { stage: "Negociação", funnelId: 40101 } });
    const requestsBefore = server.requests.length;
    const second = await pull(source.id);

    expect(second).toMatchObject({ status: "succeeded", mode: "incremental", savepoint: { before: savepoint } });
    expect(second.window).toEqual({ from: savepoint, to: new Date(savepoint.getTime() + 365 * DAY_MS) });
    expect(second.counts.removed).toBe(0);
    // The two touched leads, and the newest one of the first pull (its updateDate is the savepoint, and the window includes it).
    expect(second.counts).toMatchObject({ new: 0, changed: 2, unchanged: 1 });
    const leadQuery = server.requests.slice(requestsBefore).find((request) => request.path === "/v3/Leads")!;
    expect(new URLSearchParams(leadQuery.search).get("$filter")).toMatch(/^updateDate ge .* and updateDate le /);
    expect((await savepointOf(source.id))!.getTime()).toBe(touchedAt.getTime());
    expect(await db.deal.count({ where: { sourceId: source.id, removedAt: null } })).toBe(300);
    const deal = await db.deal.findUniqueOrThrow({ where: { sourceId_externalId: { sourceId: source.id, externalId: "51430010" } } });
    expect(deal).toMatchObject({ stage: "Negociação", pipeline: "Vendas Diretas" });
  });

  it("starts from the configured savepoint and reads savepoint − past days to savepoint + future days", async () => {
    const source = await sourceFor({ config: { mode: "incremental", pastWindowDays: 3, futureWindowDays: 7 }, savepoint: "2024-05-10T00:00:00Z" });
    const outcome = await pull(source.id);
    const from = Date.parse("2024-05-07T00:00:00Z");
    const to = Date.parse("2024-05-17T00:00:00Z");
    const within = (date: string) => Date.parse(date) >= from && Date.parse(date) <= to;
    const expected = server.store.records("leads").filter((lead) => within(lead.updateDate));
    // Plus the leads whose sale, discard or contact changed in the window without moving the lead's updateDate.
    const changedElsewhere = new Set([
      ...server.store.records("leadsSold").filter((sale) => within(sale.saleDate)).map((sale) => sale.leadId),
      ...server.store.records("losts").filter((lost) => within(lost.date)).map((lost) => lost.leadId),
      ...server.store.records("persons").filter((person) => within(person.updateDate)).map((person) => person.leadId),
    ]);
    for (const lead of expected) changedElsewhere.delete(lead.id);
    expect(outcome.counts.new).toBe(expected.length + changedElsewhere.size);
    expect(outcome.savepoint.after!.getTime()).toBe(Math.max(...expected.map((lead) => Date.parse(lead.updateDate))));
  });

  it("leaves the savepoint and the data alone when the pull fails", async () => {
    const source = await sourceFor({ config: { mode: "incremental", pastWindowDays: 1, futureWindowDays: 365 }, savepoint: "2024-05-01T00:00:00Z" });
    server.failNext(10, 503);
    const outcome = await pull(source.id, { maxAttempts: 3 });
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toMatch(/Exact Sales GET \/Funnels failed with HTTP 503 after 3 tries/);
    expect(outcome.savepoint).toEqual({ before: new Date("2024-05-01T00:00:00Z"), after: new Date("2024-05-01T00:00:00Z") });
    expect(await savepointOf(source.id)).toEqual(new Date("2024-05-01T00:00:00Z"));
    expect(await db.deal.count()).toBe(0);
  });
});

describe("faults", () => {
  it("survives a page that fails twice", async () => {
    const source = await sourceFor({ leadCount: 1200 });
    server.failNext(2, 500);
    const outcome = await pull(source.id);
    expect(outcome).toMatchObject({ status: "succeeded", counts: { new: 1200 } });
  });

  it("an expired token mid-pull fails with a clear message; nothing is committed and the savepoint stays", async () => {
    const source = await sourceFor({ leadCount: 1200 });
    await pull(source.id);
    const savepoint = await savepointOf(source.id);
    server.store.touchLeads([51430001], { changes: { lead: "Mudou Ltda" } });
    const outcome = await pull(source.id, { fetch: afterFirstLeadsPage(() => server.store.tokens.delete(server.token)) });
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toMatch(/^Exact Sales refused the token \(HTTP 401 on GET \/Leads\)/);
    expect(outcome.error).not.toContain(server.token);
    expect((await dealNamed("51430001", source.id)).name).not.toBe("Mudou Ltda");
    expect(await savepointOf(source.id)).toEqual(savepoint);
  });

  it("the server dying mid-pull commits nothing and keeps the savepoint", async () => {
    const source = await sourceFor({ leadCount: 1200 });
    await pull(source.id);
    const savepoint = await savepointOf(source.id);
    server.store.touchLeads([51430001], { changes: { lead: "Mudou Ltda" } });
    const outcome = await pull(source.id, { maxAttempts: 2, fetch: afterFirstLeadsPage(() => void server.stop()) });
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toMatch(/^Could not reach Exact Sales at 127\.0\.0\.1:\d+ for GET \/Leads: network error/);
    expect((await dealNamed("51430001", source.id)).name).not.toBe("Mudou Ltda");
    expect(await savepointOf(source.id)).toEqual(savepoint);
    expect(await db.deal.count({ where: { removedAt: { not: null } } })).toBe(0);
  });

  it("says the token was refused when it is wrong from the start", async () => {
    const source = await sourceFor();
    server.store.tokens.clear();
    const outcome = await pull(source.id);
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toMatch(/^Exact Sales refused the token \(HTTP 401 on GET \/Funnels\)/);
  });
});
