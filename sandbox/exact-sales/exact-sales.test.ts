import { afterEach, describe, expect, it } from "vitest";
import { generateExactSalesData, startExactSalesServer, type ExactLead, type ExactSalesServer, type ExactSalesServerOptions } from "./index";

const NOW = new Date("2024-06-01T12:00:00Z");
const DAY_MS = 86_400_000;
const SEVEN_DIGITS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/;

let server: ExactSalesServer;

async function start(options: ExactSalesServerOptions = {}) {
  server = await startExactSalesServer({ now: NOW, rateLimit: null, ...options });
  return server;
}

afterEach(async () => {
  await server?.stop();
});

type ODataPage = { "@odata.context": string; "@odata.nextLink"?: string; "@odata.count"?: number; value: Record<string, unknown>[] };

async function get(pathOrUrl: string, token: string | null = server.token): Promise<Response> {
  const url = pathOrUrl.startsWith("http") ? pathOrUrl : `${server.baseUrl}${pathOrUrl}`;
  return fetch(url, { headers: token === null ? {} : { token_exact: token } });
}

async function page(pathOrUrl: string): Promise<ODataPage> {
  const res = await get(pathOrUrl);
  expect(res.status).toBe(200);
  return res.json();
}

/** Follows nextLinks, stopping on an empty page as a client must. */
async function pullAll(path: string): Promise<{ records: Record<string, unknown>[]; requests: number }> {
  const records: Record<string, unknown>[] = [];
  let next: string | undefined = path;
  let requests = 0;
  while (next) {
    const body = await page(next);
    requests++;
    if (body.value.length === 0) break;
    records.push(...body.value);
    next = body["@odata.nextLink"];
  }
  return { records, requests };
}

const filter = (expression: string) => `$filter=${encodeURIComponent(expression)}`;

describe("seed data", () => {
  const data = generateExactSalesData({ now: NOW });

  it("is deterministic for a seed and a `now`, and differs for another seed", () => {
    expect(generateExactSalesData({ now: NOW })).toEqual(data);
    expect(generateExactSalesData({ now: NOW, seed: 7 }).leads[0]).not.toEqual(data.leads[0]);
  });

  it("has ~300 leads over two funnels whose stages exist in the lead's funnel, with positions", () => {
    expect(data.leads).toHaveLength(300);
    expect(data.funnels.map((f) => f.value)).toEqual(["Vendas Diretas", "Parcerias e Revendas"]);
    for (const funnel of data.funnels) {
      const positions = data.stages.filter((s) => s.funnelId === funnel.id).map((s) => s.position);
      expect(positions).toEqual(positions.map((_, i) => i + 1));
    }
    for (const lead of data.leads) {
      expect(data.stages.some((s) => s.funnelId === lead.funnelId && s.value === lead.stage)).toBe(true);
    }
    expect(new Set(data.leads.map((l) => l.funnelId))).toEqual(new Set([40101, 40102]));
    expect(data.leads.some((l) => /[ãçéíóôú]/.test(l.lead))).toBe(true);
  });

  it("dates registrations before updates, updates within the last 90 days, all with 7 fractional digits", () => {
    for (const lead of data.leads) {
      expect(lead.registerDate).toMatch(SEVEN_DIGITS);
      expect(lead.updateDate).toMatch(SEVEN_DIGITS);
      expect(lead.updateDate >= lead.registerDate).toBe(true);
      expect(Date.parse(lead.updateDate)).toBeGreaterThanOrEqual(NOW.getTime() - 90 * DAY_MS);
      expect(Date.parse(lead.updateDate)).toBeLessThanOrEqual(NOW.getTime());
    }
  });

  it("gives every lead contacts with exactly one main contact", () => {
    for (const lead of data.leads) {
      const persons = data.persons.filter((p) => p.leadId === lead.id);
      expect(persons.length).toBeGreaterThanOrEqual(1);
      expect(persons.filter((p) => p.mainContact)).toHaveLength(1);
    }
  });

  it("sells some leads (BRL totals that add up) and discards others, some after the lead's last update", () => {
    expect(data.leadsSold.length).toBeGreaterThan(20);
    expect(data.losts.length).toBeGreaterThan(20);
    const leadsById = new Map(data.leads.map((l) => [l.id, l]));
    for (const sale of data.leadsSold) {
      const sum = sale.products.reduce((total, p) => total + p.finalValue, 0);
      expect(sale.totalDealValue).toBeCloseTo(sum, 2);
      expect(sale.saleDate >= leadsById.get(sale.leadId)!.registerDate).toBe(true);
      expect(sale.saleStage).toBe(leadsById.get(sale.leadId)!.stage);
    }
    // Registering a sale or a discard does not move the lead's updateDate.
    expect(data.leadsSold.filter((sale) => sale.saleDate > leadsById.get(sale.leadId)!.updateDate).length).toBeGreaterThan(5);
    expect(data.losts.filter((lost) => lost.date > leadsById.get(lost.leadId)!.updateDate).length).toBeGreaterThan(5);
    // Leads Descartados has no id (seed: lead_id, funnel_id, reason, stage, date).
    expect(data.losts.every((lost) => !("id" in lost))).toBe(true);
    const soldIds = new Set(data.leadsSold.map((s) => s.leadId));
    expect(data.losts.some((l) => soldIds.has(l.leadId))).toBe(false);
  });

  it("has contacts edited after their lead and CNPJs with leading zeros", () => {
    const leadsById = new Map(data.leads.map((l) => [l.id, l]));
    expect(data.persons.filter((p) => p.updateDate > leadsById.get(p.leadId)!.updateDate).length).toBeGreaterThan(5);
    expect(data.leads.filter((l) => l.cnpj?.startsWith("0")).length).toBeGreaterThan(0);
  });

  it("fills custom fields from their definitions", () => {
    const segment = data.customFields.find((f) => f.id === "_segmento")!;
    const values = data.leadsCustomFields.filter((v) => v.id === "_segmento");
    expect(values).toHaveLength(300);
    expect(values.every((v) => segment.options.includes(v.value))).toBe(true);
  });
});

describe("authentication and routing", () => {
  it("refuses a missing or wrong token_exact, or a Bearer token, with 401 and Exact's error body", async () => {
    await start();
    for (const res of [await get("/Leads", null), await get("/Leads", "wrong"), await fetch(`${server.baseUrl}/Leads`, { headers: { authorization: `Bearer ${server.token}` } })]) {
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: "", message: expect.stringContaining("token_exact") } });
    }
  });

  it("serves entity sets case-insensitively under /v3 and answers 404/405 otherwise", async () => {
    await start();
    expect((await page("/stages"))["@odata.context"]).toBe(`${server.url}/v3/$metadata#Stages`);
    expect((await get("/Widgets")).status).toBe(404);
    expect((await fetch(`${server.url}/api/v3/Leads`, { headers: { token_exact: server.token } })).status).toBe(404);
    const post = await fetch(`${server.baseUrl}/Leads`, { method: "POST", headers: { token_exact: server.token } });
    expect(post.status).toBe(405);
    expect(await post.json()).toMatchObject({ error: { code: "" } });
  });

  it("answers an invalid OData query with 400", async () => {
    await start();
    const res = await get(`/Leads?${filter("updateDate gee 2024-01-01")}`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/not valid/);
    expect((await get("/Leads?$top=-1")).status).toBe(400);
  });

  it("refuses $orderby and $filter on a property the table does not have (Losts has no id)", async () => {
    await start();
    const byId = await get("/Losts?$orderby=id%20asc");
    expect(byId.status).toBe(400);
    expect((await byId.json()).error.message).toMatch(/Could not find a property named 'id' on type 'Lost'/);
    expect((await get(`/Losts?${filter("id eq 1")}`)).status).toBe(400);
    expect((await get(`/LeadsCustomFields?${filter("updateDate ge 2024-01-01")}`)).status).toBe(400);
    expect((await get("/Losts?$orderby=leadId,date")).status).toBe(200);
    expect((await get("/LeadsCustomFields?$orderby=leadId,id")).status).toBe(200);
  });

  it("answers 404 for an endpoint the account does not have (SalesReps is a guess)", async () => {
    await start({ withoutEndpoints: ["SalesReps"] });
    expect((await get("/SalesReps")).status).toBe(404);
    expect((await get("/salesreps")).status).toBe(404);
    expect((await get("/Leads")).status).toBe(200);
  });
});

describe("paging", () => {
  it("pages 500 at a time with @odata.nextLink to the last, partial page", async () => {
    await start({ leadCount: 1100 });
    const first = await page("/Leads");
    expect(first.value).toHaveLength(500);
    expect(first["@odata.nextLink"]).toBe(`${server.baseUrl}/Leads?$skip=500`);
    const { records, requests } = await pullAll("/Leads");
    expect(requests).toBe(3);
    expect(records.map((l) => l.id)).toEqual(server.store.records("leads").map((l) => l.id));
  });

  it("sends a nextLink even on the empty page past the end (the documented quirk), unless switched off", async () => {
    await start({ leadCount: 1000 });
    const third = await page("/Leads?$skip=1000");
    expect(third.value).toEqual([]);
    expect(third["@odata.nextLink"]).toBe(`${server.baseUrl}/Leads?$skip=1500`);
    expect((await pullAll("/Leads")).requests).toBe(3);
    await server.stop();

    await start({ leadCount: 1000, nextLinkOnEmptyPage: false });
    expect(await page("/Leads?$skip=1000")).not.toHaveProperty(["@odata.nextLink"]);
  });

  it("honours $top and $skip: no nextLink for a client-sized page, a reduced $top in it for a large one", async () => {
    await start({ leadCount: 1100 });
    const small = await page("/Leads?$top=100&$skip=50");
    expect(small.value).toHaveLength(100);
    expect(small.value[0].id).toBe(server.store.records("leads")[50].id);
    expect(small).not.toHaveProperty(["@odata.nextLink"]);

    const large = await page("/Leads?$top=700");
    expect(large.value).toHaveLength(500);
    expect(large["@odata.nextLink"]).toBe(`${server.baseUrl}/Leads?$top=200&$skip=500`);
    const rest = await page(large["@odata.nextLink"]!);
    expect(rest.value).toHaveLength(200);
    expect(rest).not.toHaveProperty(["@odata.nextLink"]);
  });

  it("keeps the filter in the nextLink and counts matches with $count=true", async () => {
    await start({ leadCount: 1100 });
    const expected = server.store.records("leads").filter((l) => l.funnelId === 40101);
    const first = await page(`/Leads?${filter("funnelId eq 40101")}&$count=true`);
    expect(first["@odata.count"]).toBe(expected.length);
    expect(first["@odata.nextLink"]).toContain(`$filter=${encodeURIComponent("funnelId eq 40101")}`);
    const { records } = await pullAll(`/Leads?${filter("funnelId eq 40101")}`);
    expect(records.map((l) => l.id)).toEqual(expected.map((l) => l.id));
  });
});

describe("queries a pull makes", () => {
  it("selects leads by an updateDate window, id, ordering and $select", async () => {
    await start();
    const from = "2024-05-01T00:00:00Z";
    const to = "2024-05-15T00:00:00.0000000Z";
    const inWindow = server.store.records("leads").filter((l) => l.updateDate >= "2024-05-01T00:00:00.0000000Z" && l.updateDate <= to);
    const windowed = await page(`/Leads?${filter(`updateDate ge ${from} and updateDate le ${to}`)}`);
    expect(windowed.value.map((l) => l.id)).toEqual(inWindow.map((l) => l.id));
    expect(inWindow.length).toBeGreaterThan(10);

    const one = server.store.records("leads")[42];
    expect((await page(`/Leads?${filter(`id eq ${one.id}`)}`)).value).toEqual([one]);

    const newest = await page("/Leads?$orderby=registerDate desc&$top=3&$select=id,registerDate");
    expect(newest.value.map((l) => Object.keys(l))).toEqual([["id", "registerDate"], ["id", "registerDate"], ["id", "registerDate"]]);
    expect(newest.value[0].id).toBe(server.store.records("leads").at(-1)!.id);
  });

  it("serves funnels, stages per funnel, sellers, a lead's persons, sales, discards and custom fields", async () => {
    await start();
    expect((await page("/Funnels")).value).toHaveLength(2);
    const stages = (await page(`/Stages?${filter("funnelId eq 40102")}&$orderby=position`)).value;
    expect(stages.map((s) => s.value)).toEqual(["Entrada", "Diagnóstico", "Proposta", "Negociação"]);
    expect((await page("/SalesReps")).value.map((s) => s.email)).toContain("mariana.conceicao@exemplo.com.br");

    const lead = server.store.records("leads")[0];
    const persons = (await page(`/Persons?${filter(`leadId eq ${lead.id}`)}`)).value;
    expect(persons.length).toBeGreaterThanOrEqual(1);
    expect(persons.filter((p) => p.mainContact)).toHaveLength(1);

    const sale = server.store.records("leadsSold")[0];
    expect((await page(`/LeadsSold?${filter(`leadId eq ${sale.leadId}`)}`)).value).toEqual([sale]);
    expect((await page("/Losts")).value).toEqual((await page("/LeadsDiscarded")).value);
    const fields = (await page(`/LeadsCustomFields?${filter(`leadId eq ${lead.id} and id eq '_segmento'`)}`)).value;
    expect(fields).toEqual([{ leadId: lead.id, id: "_segmento", value: expect.any(String) }]);
  });
});

describe("changes between pulls", () => {
  it("touchLeads moves updateDate so an incremental window finds exactly those leads", async () => {
    await start();
    const [a, b] = server.store.records("leads").slice(10, 12);
    const touched = server.store.touchLeads([a.id, b.id], { at: new Date("2024-06-02T08:00:00Z"), changes: { stage: "Negociação" } });
    expect(touched[0].updateDate).toMatch(/^2024-06-02T08:00:00\.000\d{4}Z$/);
    const changed = await page(`/Leads?${filter("updateDate gt 2024-06-01T12:00:00Z")}`);
    expect(changed.value.map((l) => [l.id, l.stage])).toEqual([
      [a.id, "Negociação"],
      [b.id, "Negociação"],
    ]);
  });

  it("shows a change made mid-pull on the pages that follow it", async () => {
    await start({ leadCount: 1100 });
    const first = await page("/Leads");
    const later = server.store.records("leads")[700];
    server.store.touchLeads([later.id], { changes: { lead: "Cerâmica Renomeada Ltda" } });
    const second = await page(first["@odata.nextLink"]!);
    expect(second.value.find((l) => l.id === later.id)?.lead).toBe("Cerâmica Renomeada Ltda");
  });

  it("hard-deletes leads with their persons, and serves planted odd records as they are", async () => {
    await start();
    const lead = server.store.records("leads")[0];
    server.store.deleteLeads([lead.id]);
    expect((await page(`/Leads?${filter(`id eq ${lead.id}`)}`)).value).toEqual([]);
    expect((await page(`/Persons?${filter(`leadId eq ${lead.id}`)}`)).value).toEqual([]);

    const odd = { lead: "Sem Id Ltda", funnelId: 99999, stage: "Inexistente", updateDate: "2024-06-01T09:30:00-03:00" } as unknown as ExactLead;
    server.store.insert("leads", [odd]);
    const found = await page(`/Leads?${filter("updateDate eq 2024-06-01T12:30:00Z")}`);
    expect(found.value).toEqual([odd]);
  });
});

describe("limits and faults", () => {
  it("allows 30 requests per 20 s per token, then 429 with Exact's error body and no Retry-After", async () => {
    await start({ rateLimit: undefined, tokens: ["token-a", "token-b"] });
    for (let i = 0; i < 30; i++) expect((await get("/Funnels", "token-a")).status).toBe(200);
    const limited = await get("/Funnels", "token-a");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBeNull();
    expect(await limited.json()).toEqual({ error: { code: "", message: expect.any(String) } });
    expect((await get("/Funnels", "token-b")).status).toBe(200);
  });

  it("fails the next pages on demand, then recovers", async () => {
    await start();
    server.failNext(2, 503);
    expect((await get("/Leads")).status).toBe(503);
    expect((await get("/Leads")).status).toBe(503);
    expect((await get("/Leads")).status).toBe(200);
  });

  it("turns a token revoked mid-pull into 401 on the next page", async () => {
    await start({ leadCount: 1100 });
    const first = await page("/Leads");
    server.store.tokens.delete(server.token);
    expect((await get(first["@odata.nextLink"]!)).status).toBe(401);
  });
});
