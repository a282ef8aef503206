// Account matching against the sandbox fakes, through the same paths the preview, the
// Matching view, the CLI and the API use: each rule, their order, suggestions that are
// never applied on their own, saved links, and the customer list read once per run.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildPushPreview } from "@/lib/sync/build-push-preview";
import { listPushPreviewItems } from "@/lib/sync/read-push-preview";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { createChartMogulDestination, createPipelinerDestination } from "@/lib/test/push-fixtures";
import { startChartMogulServer, type ChartMogulServer } from "@/sandbox/chartmogul";
import { startPipelinerServer, type PipelinerServer } from "@/sandbox/pipeliner";
import { confirmExactDomainSuggestions, confirmMatch, unlinkMatch } from "./account-links";
import { getMatchingReport } from "./matching-report";

const db = connectTestDatabase();
let cm: ChartMogulServer;
let pl: PipelinerServer;

const C = {
  link: "cus_00000000-0000-4000-8000-000000000001",
  external: "cus_00000000-0000-4000-8000-000000000002",
  accountEmail: "cus_00000000-0000-4000-8000-000000000003",
  primary: "cus_00000000-0000-4000-8000-000000000004",
  anyContact: "cus_00000000-0000-4000-8000-000000000005",
  website: "cus_00000000-0000-4000-8000-000000000006",
  emailDomain: "cus_00000000-0000-4000-8000-000000000007",
  named: "cus_00000000-0000-4000-8000-000000000008",
  shared1: "cus_00000000-0000-4000-8000-000000000009",
  shared2: "cus_00000000-0000-4000-8000-000000000010",
  bulk: "cus_00000000-0000-4000-8000-000000000011",
};

beforeAll(async () => {
  cm = await startChartMogulServer({
    rateLimit: null,
    customers: [
      { uuid: C.link, name: "Linked Target Ltd", email: "", external_id: "cus_Link1" },
      { uuid: C.external, name: "Ext Holdings", email: "", external_id: "CRM-42" },
      { uuid: C.accountEmail, name: "Mailbox AG", email: "AP@emailco.example", external_id: "cus_Mail1" },
      { uuid: C.primary, name: "Primary plc", email: "pat@primaryco.example", external_id: "cus_Prim1" },
      { uuid: C.anyContact, name: "Anyco", email: "sam@anyco.example", external_id: "cus_Any1" },
      { uuid: C.website, name: "Domain Co", email: "", external_id: "cus_Dom1", website_url: "https://www.domainco.example/" },
      { uuid: C.emailDomain, name: "Mailco Inc.", email: "billing@mailco.example", external_id: "cus_Dom2" },
      { uuid: C.named, name: "Namely Holdings Inc.", email: "", external_id: "cus_Name1" },
      { uuid: C.shared1, name: "Shared East", email: "", external_id: "cus_Sh1", website_url: "shared.example" },
      { uuid: C.shared2, name: "Shared West", email: "ops@shared.example", external_id: "cus_Sh2" },
      { uuid: C.bulk, name: "Bulk Buyer", email: "", external_id: "cus_Bulk1", website_url: "http://bulkco.example" },
      { name: "Free Mail Fan", email: "someone@gmail.com", external_id: "cus_Free1" },
      // More than one page (200), so the list is read paged.
      ...Array.from({ length: 230 }, (_, i) => ({ name: `Filler ${i}`, email: `x${i}@filler${i}.example`, external_id: `cus_F${i}` })),
    ],
  });
  pl = await startPipelinerServer();
});
afterAll(async () => {
  await Promise.all([cm.stop(), pl.stop()]);
  await disconnectDb();
});
beforeEach(async () => {
  await truncateAll();
  cm.requests.length = 0;
});

type AccountSeed = { key: string; name: string; url?: string; email?: string; crmId?: string; contacts?: { email: string; primary?: boolean }[] };

/** One account (with contacts) and one sendable deal per seed; returns deal ids and account ids by key. */
async function seed(accounts: AccountSeed[]) {
  const source = await db.source.create({ data: { name: "Matching source", kind: "s3_flatfile", config: {} } });
  const deals: Record<string, string> = {};
  const ids: Record<string, string> = {};
  for (const a of accounts) {
    const properties: Record<string, string> = {};
    if (a.email) properties.email = a.email;
    if (a.crmId) properties.crm_id = a.crmId;
    const account = await db.account.create({ data: { sourceId: source.id, externalId: `A-${a.key}`, name: a.name, url: a.url ?? null, properties, contentHash: "x" } });
    for (const [i, c] of (a.contacts ?? []).entries()) {
      await db.contact.create({ data: { sourceId: source.id, externalId: `C-${a.key}-${i}`, accountId: account.id, email: c.email, isPrimary: c.primary ?? false, contentHash: "x" } });
    }
    const deal = await db.deal.create({
      data: {
        sourceId: source.id,
        externalId: `D-${a.key}`,
        accountId: account.id,
        name: `${a.name} deal`,
        stage: "Discovery",
        pipeline: "New Business",
        owner: "alex.morgan@example.com",
        amountMinor: 100_000n,
        currency: "USD",
        amountBaseMinor: 100_000n,
        closeDate: new Date("2027-06-30T00:00:00Z"),
        contentHash: "x",
      },
    });
    deals[a.key] = deal.id;
    ids[a.key] = account.id;
  }
  return { deals, accounts: ids };
}

async function preview(destinationId: string, dealIds: Record<string, string>) {
  const { id: previewId } = await buildPushPreview({ destinationId, selection: { mode: "ids", ids: Object.values(dealIds) } }, null);
  const items = [...(await listPushPreviewItems(previewId, { view: "ready" })).items, ...(await listPushPreviewItems(previewId, { view: "blocked" })).items];
  const byKey: Record<string, (typeof items)[number]> = {};
  for (const [key, id] of Object.entries(dealIds)) byKey[key] = items.find((i) => i.dealId === id)!;
  return byKey;
}

const customerOf = (item: { payload?: unknown }) => (item.payload as { body: { customer_uuid: string } }).body.customer_uuid;

describe("ChartMogul: matching rules in order", () => {
  it("each rule matches and the preview says which; earlier rules win over later ones", async () => {
    const destination = await createChartMogulDestination(cm, { matchField: "properties.crm_id" });
    const { deals, accounts } = await seed([
      // Rule 1 beats the website domain it also has.
      { key: "link", name: "Linked Co", url: "https://domainco.example" },
      // Rule 2 (configured field) beats the e-mail and the domain.
      { key: "external", name: "Ext Co", crmId: "CRM-42", email: "ap@emailco.example", url: "domainco.example" },
      // Rule 3a: the account's own e-mail beats its primary contact's.
      { key: "accountEmail", name: "Email Co", email: "ap@EMAILCO.example", contacts: [{ email: "pat@primaryco.example", primary: true }] },
      // Rule 3b: the primary contact beats another contact.
      { key: "primary", name: "Primary Co", contacts: [{ email: "sam@anyco.example" }, { email: "pat@primaryco.example", primary: true }] },
      // Rule 3c: any contact beats the domain.
      { key: "anyContact", name: "Any Co", url: "www.domainco.example", contacts: [{ email: "sam@anyco.example" }] },
      // Rule 4: the url's domain (scheme, www., path ignored) against the customer's website…
      { key: "website", name: "Domain Company", url: "http://domainco.example/about" },
      // …or against the customer's e-mail domain.
      { key: "emailDomain", name: "Mail Company", url: "https://www.mailco.example" },
      // A similar name alone is never a match.
      { key: "named", name: "Namely Holdings" },
    ]);
    await confirmMatch(destination.id, { account: accounts.link, externalId: C.link, via: "search" }, null);

    const items = await preview(destination.id, deals);
    const expected: [string, string, RegExp][] = [
      ["link", C.link, /"Linked Target Ltd" .* matched by saved link/],
      ["external", C.external, /matched by external id CRM-42/],
      ["accountEmail", C.accountEmail, /matched by the account's e-mail ap@emailco\.example/],
      ["primary", C.primary, /matched by the primary contact's e-mail pat@primaryco\.example/],
      ["anyContact", C.anyContact, /matched by a contact's e-mail sam@anyco\.example/],
      ["website", C.website, /matched by website domain domainco\.example/],
      ["emailDomain", C.emailDomain, /matched by website domain mailco\.example/],
    ];
    for (const [key, customer, note] of expected) {
      expect(items[key], key).toMatchObject({ ok: true });
      expect(customerOf(items[key]), key).toBe(customer);
      expect(items[key].notes?.join(" "), key).toMatch(note);
    }
    expect(items.named).toMatchObject({ ok: false });
    expect(items.named.problems?.[0]).toMatch(/^Account "Namely Holdings" has no matching ChartMogul customer/);
  });

  it("without the configured field, an account's source id is compared with external_id (the default field)", async () => {
    const destination = await createChartMogulDestination(cm);
    const source = await db.source.create({ data: { name: "CRM ids", kind: "s3_flatfile", config: {} } });
    const account = await db.account.create({ data: { sourceId: source.id, externalId: "CRM-42", name: "Whatever", contentHash: "x" } });
    const deal = await db.deal.create({
      data: { sourceId: source.id, externalId: "D1", accountId: account.id, name: "D", stage: "Discovery", pipeline: "New Business", owner: "alex.morgan@example.com", amountMinor: 1n, currency: "USD", amountBaseMinor: 1n, closeDate: new Date("2027-01-01"), contentHash: "x" },
    });
    const items = await preview(destination.id, { d: deal.id });
    expect(customerOf(items.d)).toBe(C.external);
    const off = await createChartMogulDestination(cm, { matchField: "none" });
    expect((await preview(off.id, { d: deal.id })).d.ok).toBe(false);
  });

  it("reads the customer list once, paged, whatever the number of accounts; never one search per account", async () => {
    const destination = await createChartMogulDestination(cm);
    const { deals } = await seed(Array.from({ length: 12 }, (_, i) => ({ key: `k${i}`, name: `Account ${i}`, url: `https://filler${i}.example` })));
    const items = await preview(destination.id, deals);
    expect(Object.values(items).every((i) => i.ok)).toBe(true);
    const reads = cm.requests.filter((r) => r.path.startsWith("/v1/customers"));
    expect(reads.map((r) => r.path)).toEqual(["/v1/customers", "/v1/customers"]);
  });

  it("an ambiguous domain or a free-mail domain is never a match; the Matching view offers suggestions and bulk-confirms only a sole exact domain", async () => {
    const destination = await createChartMogulDestination(cm);
    const { deals, accounts } = await seed([
      { key: "shared", name: "Shared Inc", url: "https://shared.example" },
      { key: "bulk", name: "Bulk", contacts: [{ email: "buyer@bulkco.example" }] },
      { key: "free", name: "Freelancer", contacts: [{ email: "me@gmail.com" }] },
      { key: "named", name: "Namely Holdings GmbH" },
    ]);
    const items = await preview(destination.id, deals);
    expect(items.shared.problems?.[0]).toMatch(/website domain shared\.example fits 2 candidates/);
    expect(Object.values(items).every((i) => !i.ok)).toBe(true);

    const report = await getMatchingReport(destination.id);
    const unmatched = Object.fromEntries(report.unmatched.map((u) => [u.accountId, u]));
    expect(unmatched[accounts.shared].suggestions.map((s) => [s.candidateId, s.kind, s.exact])).toEqual([
      [C.shared1, "domain", true],
      [C.shared2, "domain", true],
    ]);
    expect(unmatched[accounts.bulk].suggestions[0]).toMatchObject({ candidateId: C.bulk, kind: "domain", exact: true, why: "same e-mail domain bulkco.example" });
    expect(unmatched[accounts.free].suggestions).toEqual([]);
    expect(unmatched[accounts.named].suggestions[0]).toMatchObject({ candidateId: C.named, kind: "name", exact: false, score: 1 });
    expect(report.counts).toMatchObject({ accounts: 4, unmatched: 4, bulkConfirmable: 1 });

    expect(await confirmExactDomainSuggestions(destination.id, null)).toEqual({ confirmed: 1, ambiguous: 1 });
    const after = await preview(destination.id, deals);
    expect(customerOf(after.bulk)).toBe(C.bulk);
    expect(after.bulk.notes?.[0]).toMatch(/matched by saved link/);
    expect(after.shared.ok).toBe(false);
    expect(await db.auditEvent.count({ where: { action: "match.confirm_bulk" } })).toBe(1);
  });

  it("confirm refuses a customer the destination doesn't have; unlink returns the account to the rules", async () => {
    const destination = await createChartMogulDestination(cm);
    const { deals, accounts } = await seed([{ key: "named", name: "Namely Holdings" }]);
    await expect(confirmMatch(destination.id, { account: accounts.named, externalId: "cus_nope" }, null)).rejects.toThrow(/has no customer cus_nope/);
    await confirmMatch(destination.id, { account: "A-named", externalId: C.named, via: "suggestion:name" }, null);
    expect((await preview(destination.id, deals)).named.ok).toBe(true);
    const report = await getMatchingReport(destination.id, { search: "namely" });
    expect(report.linked).toEqual([{ accountId: accounts.named, accountName: "Namely Holdings", externalId: C.named, externalName: "Namely Holdings Inc." }]);
    expect(report.searchResults.map((r) => r.id)).toEqual([C.named]);
    await unlinkMatch(destination.id, { account: accounts.named }, null);
    expect((await preview(destination.id, deals)).named.ok).toBe(false);
    await expect(unlinkMatch(destination.id, { account: accounts.named }, null)).rejects.toThrow(/has no saved link/);
    expect(await db.auditEvent.findMany({ where: { action: { startsWith: "match." } }, select: { action: true }, orderBy: { at: "asc" } })).toEqual([
      { action: "match.confirm" },
      { action: "match.unlink" },
    ]);
  });
});

describe("Pipeliner: the same rules over email1…email5 and the home page", () => {
  it("matches the fake's accounts by e-mail in any email field and by domain; a name alone is only a suggestion", async () => {
    const destination = await createPipelinerDestination(pl);
    const { deals } = await seed([
      { key: "acme", name: "Acme Corporation", email: "billing@acme.example.com" },
      { key: "umbrella", name: "Umbrella Health", email: "finance@umbrella.example.com" },
      { key: "initech", name: "Initech", url: "https://initech.example.com/" },
      { key: "globex", name: "Globex Industries", url: "www.globex.example.com" },
      { key: "stark", name: "Stark Logistics" },
    ]);
    const items = await preview(destination.id, deals);
    const accountOf = (key: string) => (items[key].payload as { body: { account_relations: { account_id: string }[] } }).body.account_relations[0].account_id;
    const names = Object.fromEntries(pl.store.all("Accounts").map((a) => [a.name, a.id]));
    expect(accountOf("acme")).toBe(names["Acme Inc."]);
    expect(items.acme.notes?.[0]).toMatch(/matched by the account's e-mail billing@acme\.example\.com/);
    expect(accountOf("umbrella")).toBe(names["Umbrella Health, Inc."]);
    expect(accountOf("initech")).toBe(names["Initech LLC"]);
    expect(items.initech.notes?.[0]).toMatch(/matched by website domain initech\.example\.com/);
    expect(accountOf("globex")).toBe(names["Globex Corp"]);
    expect(items.stark.ok).toBe(false);
    const report = await getMatchingReport(destination.id);
    expect(report.noun).toBe("account");
    expect(report.unmatched[0].suggestions[0]).toMatchObject({ candidateName: "Stark Logistics GmbH", kind: "name" });
  });
});
