// The reader against the fake Exact Spotter API: what a full and an incremental pull
// hand to the importer, and how odd records become problems instead of failures.
import { afterEach, describe, expect, it } from "vitest";
import { startExactSalesServer, type ExactLead, type ExactSalesServer, type ExactSalesServerOptions } from "@/sandbox/exact-sales";
import type { CanonicalAccount, CanonicalContact, CanonicalDeal } from "@/lib/imports/canonical";
import type { FileRead, ImportEvent } from "@/lib/imports/import-reader";
import type { ImportProblem } from "@/lib/imports/parse/problems";
import { ExactSalesClient } from "./exact-sales-client";
import { ExactSalesReader, type ExactSalesReaderOptions } from "./read-exact-sales";
import { updateWindowFor } from "./update-window";

const NOW = new Date("2024-06-01T12:00:00Z");
const DAY_MS = 86_400_000;
let server: ExactSalesServer;

async function start(options: ExactSalesServerOptions = {}) {
  server = await startExactSalesServer({ now: NOW, rateLimit: null, ...options });
  return server;
}

afterEach(async () => {
  await server?.stop();
});

function readerFor(options: Partial<ExactSalesReaderOptions> = {}) {
  return new ExactSalesReader({
    createClient: (signal) => new ExactSalesClient({ baseUrl: server.baseUrl, token: server.token, rateLimit: null, signal }),
    sourceId: "not-saved",
    baseUrl: server.baseUrl,
    mode: "full",
    savepoint: null,
    window: null,
    money: { currency: "BRL" },
    ...options,
  });
}

type Pulled = {
  scopes: Extract<ImportEvent, { type: "scope" }>[];
  deals: CanonicalDeal[];
  accounts: CanonicalAccount[];
  contacts: CanonicalContact[];
  problems: ImportProblem[];
  rejectedIds: string[];
  files: FileRead[];
};

async function pull(reader: ExactSalesReader): Promise<Pulled> {
  const pulled: Pulled = { scopes: [], deals: [], accounts: [], contacts: [], problems: [], rejectedIds: [], files: [] };
  const context = { signal: new AbortController().signal, previousFiles: [], force: false, exponentOf: () => 2 };
  for await (const event of reader.read(context)) {
    if (event.type === "scope") pulled.scopes.push(event);
    else if (event.type === "file") pulled.files.push(event.file);
    else if (event.type !== "reading") {
      pulled.problems.push(...event.problems);
      if (event.type === "problems") continue;
      (pulled[event.type] as unknown[]).push(...event.records);
      if (event.type === "deals") pulled.rejectedIds.push(...(event.rejectedIds ?? []));
    }
  }
  return pulled;
}

const dealOf = (pulled: Pulled, id: number) => pulled.deals.find((deal) => deal.externalId === String(id));

describe("full pull", () => {
  it("maps every lead to a deal and an account, every person to a contact, as a snapshot", async () => {
    await start();
    const store = server.store;
    const pulled = await pull(readerFor());

    expect(pulled.scopes.map((scope) => `${scope.kind}:${scope.mode}`)).toEqual(["deals:snapshot", "accounts:snapshot", "contacts:snapshot"]);
    expect(pulled.deals).toHaveLength(300);
    expect(pulled.accounts).toHaveLength(300);
    expect(pulled.contacts).toHaveLength(store.records("persons").length);
    expect(pulled.problems).toEqual([]);
    expect(pulled.files.map((file) => [file.name, file.rows])).toEqual([
      ["Funnels", 2],
      ["Stages", 10],
      ["SalesReps", 5],
      ["Losts", store.records("losts").length],
      ["LeadsSold", store.records("leadsSold").length],
      ["LeadsCustomFields", store.records("leadsCustomFields").length],
      ["Leads", 300],
      ["Persons", store.records("persons").length],
    ]);
  });

  it("maps a lead's fields: funnel → pipeline, stage with its position, seller → owner, company → account", async () => {
    await start();
    const pulled = await pull(readerFor());
    const lead = server.store.records("leads").find((candidate) => candidate.funnelId === 40102 && candidate.stage === "Proposta" && candidate.website)!;
    const segment = server.store.records("leadsCustomFields").find((value) => value.leadId === lead.id && value.id === "_segmento")!;

    expect(dealOf(pulled, lead.id)).toMatchObject({
      name: lead.lead,
      pipeline: "Parcerias e Revendas",
      stage: "Proposta",
      owner: lead.salesRep!.email,
      accountExternalId: String(lead.id),
      file: "Leads",
      properties: expect.objectContaining({
        funnelId: 40102,
        stagePosition: 3,
        source: lead.source!.value,
        subSource: lead.subSource!.value,
        registeredAt: new Date(lead.registerDate).toISOString(),
        _segmento: segment.value,
      }),
    });
    expect(pulled.accounts.find((account) => account.externalId === String(lead.id))).toMatchObject({
      name: lead.lead,
      url: `https://${lead.website}`,
      industry: lead.industry!.value,
      properties: expect.objectContaining({ cnpj: lead.cnpj, city: lead.city, state: lead.state, country: "Brasil" }),
    });
  });

  it("takes won date and value from Leads vendidos (BRL, in centavos) and lost from Leads Descartados", async () => {
    await start();
    const pulled = await pull(readerFor());
    const sale = server.store.records("leadsSold")[0];
    expect(dealOf(pulled, sale.leadId)).toMatchObject({
      amountMinor: BigInt(Math.round(sale.totalDealValue * 100)),
      currency: "BRL",
      closeDate: sale.saleDate.slice(0, 10),
      properties: expect.objectContaining({ status: "won", wonAt: sale.saleDate.slice(0, 10), saleStage: sale.saleStage }),
    });
    const lost = server.store.records("losts")[0];
    const lostDeal = dealOf(pulled, lost.leadId)!;
    expect(lostDeal).toMatchObject({ amountMinor: null, currency: null, closeDate: lost.date.slice(0, 10) });
    expect(lostDeal.properties).toMatchObject({ status: "lost", lostReason: lost.reason, lostStage: lost.stage });
    const open = server.store.records("leads").find((lead) => lead.closingForecastDate)!;
    expect(dealOf(pulled, open.id)).toMatchObject({ closeDate: open.closingForecastDate!.slice(0, 10), properties: expect.objectContaining({ status: "open" }) });
  });

  it("marks the main contact and splits names", async () => {
    await start();
    const pulled = await pull(readerFor());
    const person = server.store.records("persons").find((candidate) => candidate.mainContact && candidate.email)!;
    const [firstName, ...rest] = person.name.split(" ");
    expect(pulled.contacts.find((contact) => contact.externalId === String(person.id))).toMatchObject({
      accountExternalId: String(person.leadId),
      firstName,
      lastName: rest.join(" "),
      email: person.email,
      role: person.jobTitle,
      isPrimary: true,
      properties: {},
    });
    const mains = pulled.contacts.filter((contact) => contact.isPrimary);
    expect(mains).toHaveLength(300);
    expect(new Set(mains.map((contact) => contact.accountExternalId)).size).toBe(300);
  });

  it("keeps a CNPJ's leading zeros, whether the API sends text or a number", async () => {
    await start({ leadCount: 2 });
    const base = server.store.records("leads")[0];
    server.store.insert("leads", [{ ...base, id: 51439200, cnpj: "04.252.011/0001-10" }, { ...base, id: 51439201, cnpj: 4252011000110 as unknown as string }]);
    const pulled = await pull(readerFor());
    const account = (id: number) => pulled.accounts.find((candidate) => candidate.externalId === String(id))!;
    expect(account(51439200).properties.cnpj).toBe("04.252.011/0001-10");
    expect(account(51439201).properties.cnpj).toBe("04252011000110");
  });

  it("reads open leads' amount from the custom field the source maps, in its currency; a sale's value wins", async () => {
    await start();
    const estimates = server.store.records("leadsCustomFields").filter((value) => value.id === "_valorestimado");
    const soldIds = new Set(server.store.records("leadsSold").map((sale) => sale.leadId));
    const open = estimates.find((value) => !soldIds.has(value.leadId))!;
    const sold = estimates.find((value) => soldIds.has(value.leadId))!;

    const without = await pull(readerFor());
    expect(dealOf(without, open.leadId)).toMatchObject({ amountMinor: null, currency: null });

    const pulled = await pull(readerFor({ money: { currency: "BRL", amountCustomField: "_valorestimado", amountCurrency: "USD" } }));
    const minor = BigInt(open.value.replace(/\./g, "").replace(",", ""));
    expect(dealOf(pulled, open.leadId)).toMatchObject({ amountMinor: minor, currency: "USD", properties: expect.objectContaining({ _valorestimado: open.value }) });
    const sale = server.store.records("leadsSold").find((candidate) => candidate.leadId === sold.leadId)!;
    expect(dealOf(pulled, sold.leadId)).toMatchObject({ amountMinor: BigInt(Math.round(sale.totalDealValue * 100)), currency: "BRL" });
  });

  it("keeps unknown fields in properties instead of dropping them", async () => {
    await start({ leadCount: 2 });
    const lead = { ...server.store.records("leads")[0], id: 51439000, mktLink: "https://exemplo.com.br/lp", integrationId: "crm-77" } as ExactLead;
    server.store.insert("leads", [lead]);
    const pulled = await pull(readerFor());
    expect(dealOf(pulled, 51439000)!.properties).toMatchObject({ mktLink: "https://exemplo.com.br/lp", integrationId: "crm-77" });
  });
});

describe("guessed parts of the API do not fail a pull", () => {
  it("a sellers list answering 404 is a warning: owners come from the lead's salesRep e-mail", async () => {
    await start({ withoutEndpoints: ["SalesReps"] });
    const lead = server.store.records("leads").find((candidate) => candidate.salesRep)!;
    const noEmail = { ...server.store.records("leads")[1], id: 51439300, salesRep: { ...lead.salesRep!, email: "" } } as ExactLead;
    server.store.insert("leads", [noEmail]);
    const pulled = await pull(readerFor());
    expect(pulled.deals).toHaveLength(301);
    expect(dealOf(pulled, lead.id)!.owner).toBe(lead.salesRep!.email);
    expect(dealOf(pulled, 51439300)!.owner).toBeNull();
    expect(pulled.problems).toEqual([
      expect.objectContaining({ severity: "warning", file: "SalesReps", line: null, message: expect.stringContaining("answered 404") }),
    ]);
  });

  it("lists Leads Descartados (no id) without $orderby and campos customizados by (leadId, id)", async () => {
    await start();
    const pulled = await pull(readerFor());
    expect(pulled.problems).toEqual([]);
    const orderOf = (path: string) => server.requests.filter((request) => request.path === path).map((request) => new URLSearchParams(request.search).get("$orderby"));
    expect(orderOf("/v3/Losts")).toEqual([null]);
    expect(new Set(orderOf("/v3/LeadsCustomFields"))).toEqual(new Set(["leadId asc, id asc"]));
    expect(pulled.deals.filter((deal) => deal.properties.status === "lost")).toHaveLength(server.store.records("losts").length);
  });
});

describe("bad input becomes problems, not failures", () => {
  it("reports missing ids and names, unknown funnels and stages, odd dates, nulls and duplicates, and imports the rest", async () => {
    await start({ leadCount: 3 });
    const base = server.store.records("leads")[0];
    const odd = (changes: Partial<Record<keyof ExactLead, unknown>>) => ({ ...base, ...changes }) as unknown as ExactLead;
    server.store.insert("leads", [
      odd({ id: undefined, lead: "Sem Id Ltda" }),
      odd({ id: 51439001, lead: "  " }),
      odd({ id: 51439002, funnelId: 49999 }),
      odd({ id: 51439003, stage: "Fase Inexistente" }),
      odd({ id: 51439004, updateDate: "2024-05-01T09:00:00-03:00", registerDate: "15/03/2024 10:30", closingForecastDate: "31/07/2024" }),
      odd({ id: 51439005, updateDate: "ontem", website: null, salesRep: null, industry: null, description: null, closingForecastDate: null }),
      odd({ id: 51439006, stage: "negociacao" }),
    ]);
    const pulled = await pull(readerFor());
    const byId = (id: number) => pulled.problems.filter((problem) => problem.message.includes(String(id)));

    expect(pulled.problems.find((problem) => problem.column === "id")).toMatchObject({ severity: "error", file: "Leads", code: "invalid_value", message: expect.stringContaining("(no id)") });
    expect(byId(51439001)).toEqual([expect.objectContaining({ severity: "error", column: "lead", code: "missing_value" })]);
    expect(pulled.rejectedIds).toContain("51439001");
    expect(dealOf(pulled, 51439001)).toBeUndefined();

    expect(byId(51439002)).toEqual([expect.objectContaining({ severity: "warning", column: "funnelId", code: "missing_reference" })]);
    expect(dealOf(pulled, 51439002)).toMatchObject({ pipeline: null, properties: expect.objectContaining({ funnelId: 49999 }) });

    expect(byId(51439003)).toEqual([expect.objectContaining({ severity: "warning", column: "stage", code: "missing_reference" })]);
    expect(dealOf(pulled, 51439003)).toMatchObject({ stage: "Fase Inexistente" });
    expect(dealOf(pulled, 51439003)!.properties.stagePosition).toBeUndefined();

    expect(byId(51439004)).toEqual([]);
    expect(dealOf(pulled, 51439004)).toMatchObject({ closeDate: "2024-07-31", properties: expect.objectContaining({ registeredAt: "2024-03-15T10:30:00.000Z" }) });

    expect(byId(51439005)).toEqual([expect.objectContaining({ severity: "warning", column: "updateDate", code: "invalid_timestamp" })]);
    expect(dealOf(pulled, 51439005)).toMatchObject({ owner: null, closeDate: null });

    // Accents and case do not make a stage unknown.
    expect(dealOf(pulled, 51439006)!.properties.stagePosition).toBe(6);
    expect(pulled.deals).toHaveLength(3 + 5);
  });

  it("keeps the first copy of a lead listed twice across pages", async () => {
    await start({ leadCount: 500 });
    const last = server.store.records("leads")[499];
    // The same lead again ends page 1 and opens page 2, as when a lead moves while we page.
    server.store.insert("leads", [{ ...last, lead: "Cópia" } as ExactLead]);
    const pulled = await pull(readerFor());
    expect(server.requests.filter((request) => request.path === "/v3/Leads")).toHaveLength(2);
    expect(pulled.deals).toHaveLength(500);
    expect(dealOf(pulled, last.id)!.name).toBe(last.lead);
    expect(pulled.problems).toEqual([
      expect.objectContaining({ code: "duplicate_id", severity: "warning", line: 501, message: `Lead ${last.id} was listed twice; the first copy was kept` }),
    ]);
  });

  it("a record failing its schema is rejected with the field named, and its deal is not taken as removed", async () => {
    await start({ leadCount: 2 });
    server.store.insert("leads", [{ ...server.store.records("leads")[0], id: 51439100, funnelId: "Vendas" } as unknown as ExactLead]);
    const pulled = await pull(readerFor());
    expect(pulled.problems).toEqual([
      expect.objectContaining({ severity: "error", file: "Leads", line: 3, column: "funnelId", message: expect.stringMatching(/^Leads record 51439100: funnelId /) }),
    ]);
    expect(pulled.rejectedIds).toEqual(["51439100"]);
  });
});

describe("incremental pull", () => {
  it("reads only the leads in the update window and only their related records", async () => {
    await start();
    const savepoint = new Date(NOW.getTime() - 10 * DAY_MS);
    const window = updateWindowFor(savepoint, { pastWindowDays: 2, futureWindowDays: 5 })!;
    const inWindow = server.store.records("leads").filter((lead) => new Date(lead.updateDate) >= window.from && new Date(lead.updateDate) <= window.to);
    expect(inWindow.length).toBeGreaterThan(5);

    const reader = readerFor({ mode: "incremental", window });
    const pulled = await pull(reader);
    expect(pulled.scopes.map((scope) => scope.mode)).toEqual(["partial", "partial", "partial"]);
    // Plus the leads whose sale, discard or contact is dated in the window (each table by its own window).
    const within = (date: string) => new Date(date) >= window.from && new Date(date) <= window.to;
    const ids = new Set([
      ...inWindow.map((lead) => lead.id),
      ...server.store.records("leadsSold").filter((sale) => within(sale.saleDate)).map((sale) => sale.leadId),
      ...server.store.records("losts").filter((lost) => within(lost.date)).map((lost) => lost.leadId),
      ...server.store.records("persons").filter((person) => within(person.updateDate)).map((person) => person.leadId),
    ]);
    expect(ids.size).toBeGreaterThan(inWindow.length);
    expect(pulled.deals.map((deal) => deal.externalId).sort()).toEqual([...ids].map(String).sort());
    expect(pulled.contacts).toHaveLength(server.store.records("persons").filter((person) => ids.has(person.leadId)).length);
    expect(reader.newestUpdateDate!.getTime()).toBe(Math.max(...inWindow.map((lead) => Date.parse(lead.updateDate))));

    const leadQueries = server.requests.filter((request) => request.path === "/v3/Leads");
    expect(new URLSearchParams(leadQueries[0].search).get("$filter")).toBe(
      "updateDate ge 2024-05-20T12:00:00.0000000Z and updateDate le 2024-05-27T12:00:00.0000000Z",
    );
    const personQueries = server.requests.filter((request) => request.path === "/v3/Persons");
    expect(new URLSearchParams(personQueries[0].search).get("$filter")).toMatch(/^updateDate ge .* and updateDate le /);
    expect(new URLSearchParams(personQueries.at(-1)!.search).get("$filter")).toMatch(/^leadId eq \d+( or leadId eq \d+)*$/);
  });

  it("re-reads a lead touched after the savepoint", async () => {
    await start();
    const savepoint = new Date(NOW.getTime() + DAY_MS);
    const [touched] = server.store.touchLeads([51430007], { at: new Date(savepoint.getTime() + 60_000), changes: { stage: "Negociação" } });
    const reader = readerFor({ mode: "incremental", window: updateWindowFor(savepoint, { pastWindowDays: 0, futureWindowDays: 1 }) });
    const pulled = await pull(reader);
    expect(pulled.deals.map((deal) => [deal.externalId, deal.stage])).toEqual([["51430007", "Negociação"]]);
    expect(reader.newestUpdateDate!.toISOString()).toBe(new Date(touched.updateDate).toISOString());
  });

  it("a sale or a discard registered on a lead whose updateDate did not move still reaches its deal", async () => {
    await start();
    const savepoint = new Date(NOW.getTime() + DAY_MS);
    const window = updateWindowFor(savepoint, { pastWindowDays: 0, futureWindowDays: 1 })!;
    const decided = new Set([...server.store.records("leadsSold"), ...server.store.records("losts")].map((record) => record.leadId));
    const [toSell, toDiscard] = server.store.records("leads").filter((lead) => !decided.has(lead.id));
    const at = new Date(savepoint.getTime() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, ".1234567Z");
    server.store.insert("leadsSold", [
      { id: 889999, leadId: toSell.id, funnelId: toSell.funnelId, saleDate: at, saleStage: toSell.stage, totalDealValue: 15300.5, salesRep: null, products: [] },
    ]);
    server.store.insert("losts", [{ leadId: toDiscard.id, funnelId: toDiscard.funnelId, stage: toDiscard.stage, reason: "Sem orçamento", date: at }]);

    const pulled = await pull(readerFor({ mode: "incremental", window }));
    expect(dealOf(pulled, toSell.id)).toMatchObject({ amountMinor: 1530050n, currency: "BRL", properties: expect.objectContaining({ status: "won" }) });
    expect(dealOf(pulled, toDiscard.id)).toMatchObject({ properties: expect.objectContaining({ status: "lost", lostReason: "Sem orçamento" }) });
    const saleQuery = server.requests.find((request) => request.path === "/v3/LeadsSold")!;
    expect(new URLSearchParams(saleQuery.search).get("$filter")).toBe(`saleDate ge ${window.from.toISOString().replace(".000Z", ".0000000Z")} and saleDate le ${window.to.toISOString().replace(".000Z", ".0000000Z")}`);
  });
});
