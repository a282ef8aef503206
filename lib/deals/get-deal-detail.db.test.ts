import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { createAccount, createDeal, createDestination, createSource, linkDeal } from "@/lib/test/factories";
import { listAccounts } from "@/lib/accounts/list-accounts";
import { getAccountDetail } from "@/lib/accounts/get-account-detail";
import { getDealDetailWithHistory } from "./get-deal-detail";

const db = connectTestDatabase();
beforeEach(truncateAll);
afterAll(disconnectDb);

describe("getDealDetailWithHistory", () => {
  it("gathers account, contacts, provenance, changes across runs and pushes", async () => {
    const source = await createSource({ name: "S3 drop" });
    const account = await createAccount(source.id, { name: "Acme" });
    await db.contact.create({ data: { sourceId: source.id, externalId: "c1", accountId: account.id, firstName: "Ada", isPrimary: true, contentHash: "x" } });
    const first = await db.importRun.create({ data: { sourceId: source.id, status: "succeeded", trigger: "manual", startedAt: new Date("2027-01-01") } });
    const second = await db.importRun.create({ data: { sourceId: source.id, status: "succeeded", trigger: "manual", startedAt: new Date("2027-02-01") } });
    const deal = await createDeal(source.id, { accountId: account.id, stage: "Won", provenance: { runId: second.id, file: "deals.csv", line: 7 } });
    await db.dealChange.create({ data: { runId: first.id, dealId: deal.id, kind: "new", diff: [] } });
    await db.dealChange.create({ data: { runId: second.id, dealId: deal.id, kind: "changed", diff: [{ field: "stage", before: "Proposal", after: "Won" }] } });
    const destination = await createDestination({ name: "ChartMogul" });
    await linkDeal(deal.id, destination.id, "opp_1");
    const run = await db.syncRun.create({ data: { destinationId: destination.id, selection: {}, status: "succeeded" } });
    await db.syncItem.create({ data: { runId: run.id, dealId: deal.id, state: "sent", attempt: 1, externalId: "opp_1" } });

    const detail = await getDealDetailWithHistory(deal.id);
    expect(detail.deal.account?.name).toBe("Acme");
    expect(detail.deal.account?.contacts.map((c) => c.firstName)).toEqual(["Ada"]);
    expect(detail.provenance).toMatchObject({ runId: second.id, file: "deals.csv", line: 7, run: { id: second.id } });
    expect(detail.changes.map((c) => [c.kind, c.run.id, c.fields])).toEqual([
      ["changed", second.id, [{ field: "stage", before: "Proposal", after: "Won" }]],
      ["new", first.id, []],
    ]);
    expect(detail.deal.links.map((l) => [l.destination.name, l.externalId])).toEqual([["ChartMogul", "opp_1"]]);
    expect(detail.pushes.map((p) => [p.state, p.externalId, p.run.destination.name])).toEqual([["sent", "opp_1", "ChartMogul"]]);
  });

  it("is a not_found for an unknown id", async () => {
    await expect(getDealDetailWithHistory("nope")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("accounts", () => {
  it("lists accounts by name with their active deal counts and totals, paging by cursor", async () => {
    const source = await createSource();
    const names = ["Delta", "alpha", "Charlie", "Bravo", "Echo"];
    const accounts = [];
    for (const name of names) accounts.push(await createAccount(source.id, { name }));
    await createDeal(source.id, { accountId: accounts[0].id, amountBaseMinor: 500n });
    await createDeal(source.id, { accountId: accounts[0].id, amountBaseMinor: 250n });
    await createDeal(source.id, { accountId: accounts[0].id, amountBaseMinor: 999n, removedAt: new Date() });

    const first = await listAccounts({ limit: 3 });
    const second = await listAccounts({ limit: 3, after: first.nextCursor! });
    const all = [...first.rows, ...second.rows].map((a) => a.name);
    expect(all).toHaveLength(5);
    expect(new Set(all)).toEqual(new Set(names));
    expect(second.nextCursor).toBeNull();
    const delta = [...first.rows, ...second.rows].find((a) => a.name === "Delta")!;
    expect([delta.dealCount, delta.totalBaseMinor]).toEqual([2, 750n]);

    expect((await listAccounts({ filter: { q: "ALPH" } })).rows.map((a) => a.name)).toEqual(["alpha"]);
    const detail = await getAccountDetail(accounts[0].id);
    expect([detail.deals.count, detail.deals.totalBaseMinor]).toEqual([2, 750n]);
  });
});
