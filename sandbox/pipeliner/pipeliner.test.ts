import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startPipelinerServer, type PipelinerServer } from "./index";

let server: PipelinerServer;

beforeEach(async () => {
  server = await startPipelinerServer();
});

afterEach(async () => {
  await server.stop();
});

const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;

function call(path: string, init: { method?: string; body?: unknown; authorization?: string | null } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const authorization = init.authorization === undefined ? basic(server.username, server.password) : init.authorization;
  if (authorization) headers.authorization = authorization;
  return fetch(`${server.baseUrl}${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
  });
}

async function json(path: string, init?: Parameters<typeof call>[1]) {
  return (await call(path, init)).json();
}

/** The tutorial's lookup sequence: owner by e-mail, first step by pipeline name, account by e-mail, its contacts, base currency. */
async function lookUpOpportunityParts() {
  const owner = (await json("/entities/Clients?load-only=id,default_unit_id&filter[email]=priya.shah@example.com")).data[0];
  const pipeline = (await json("/entities/Pipelines?expand=steps&filter-op[name]=contains&filter[name]=New")).data[0];
  const account = (await json("/entities/Accounts?filter[email2]=billing@acme.example.com")).data[0];
  const relations = (await json(`/entities/ContactAccountRelations?filter[account_id]=${account.id}`)).data;
  const currency = (await json("/entities/Currencies?filter[is_base]=true")).data[0];
  return { owner, pipeline, account, relations, currency };
}

describe("authentication and routing", () => {
  it("refuses a missing or wrong API token/password with 401, a Basic challenge and Pipeliner's error envelope", async () => {
    for (const authorization of [null, basic(server.username, "wrong"), basic("someone", server.password)]) {
      const res = await call("/entities/Clients", { authorization });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Basic realm="restapi"');
      expect(await res.json()).toMatchObject({ success: false, http_status: 401, code: 401 });
    }
  });

  it("answers a wrong space with the plain URL 404 and an unknown entity with ERROR_UNKNOWN_TYPE", async () => {
    const wrongSpace = await fetch(`${server.url}/api/v100/rest/spaces/other/entities/Clients`, {
      headers: { authorization: basic(server.username, server.password) },
    });
    expect(wrongSpace.status).toBe(404);
    expect(await wrongSpace.json()).toMatchObject({ status: 404, errorcode: null, traceback: null });
    const unknown = await call("/entities/Widgets");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ success: false, http_status: 404, code: 2006, name: "ERROR_UNKNOWN_TYPE" });
  });
});

describe("lookups", () => {
  it("finds a user by e-mail and returns only the load-only fields", async () => {
    const page = await json("/entities/Clients?load-only=id,default_unit_id&filter[email]=priya.shah@example.com");
    expect(page.success).toBe(true);
    expect(page.total).toBe(1);
    expect(page.data).toEqual([{ id: expect.any(String), default_unit_id: expect.any(String) }]);
  });

  it("expands pipeline steps in sort order only when asked", async () => {
    const expanded = await json("/entities/Pipelines?expand=steps&filter-op[name]=contains&filter[name]=New");
    expect(expanded.data.map((p: { name: string }) => p.name)).toEqual(["New Business"]);
    expect(expanded.data[0].steps.map((s: { name: string }) => s.name)).toEqual(["Discovery", "Qualification", "Proposal", "Negotiation", "Closed Won"]);
    const plain = await json("/entities/Pipelines?filter[name]=Expansion");
    expect(plain.data[0]).not.toHaveProperty("steps");
  });

  it("keeps account e-mails in any of email1…email5 and names unlike the CRM's, and refuses a filter on a field accounts lack", async () => {
    expect((await json("/entities/Accounts?filter[email1]=billing@acme.example.com")).data).toEqual([]);
    expect((await json("/entities/Accounts?filter[email2]=billing@acme.example.com")).data[0].name).toBe("Acme Inc.");
    expect((await json("/entities/Accounts?filter[email4]=finance@umbrella.example.com")).data[0].name).toBe("Umbrella Health, Inc.");
    expect((await json("/entities/Accounts?filter[name]=initech&filter-op[name]=ieq")).data).toEqual([]);
    expect((await json("/entities/Accounts?filter[name]=initech&filter-op[name]=istarts")).data[0].home_page).toBe("initech.example.com");
    const refused = await call("/entities/Accounts?filter[email]=billing@acme.example.com");
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ success: false, code: 117, name: "ERROR_PARAMETER_INVALID" });
    expect((await call("/entities/Accounts?filter[name]=x&filter-op[name]=resembles")).status).toBe(400);
  });

  it("lists an account's contacts through ContactAccountRelations, exactly one of them primary", async () => {
    const { relations } = await lookUpOpportunityParts();
    expect(relations).toHaveLength(2);
    expect(relations.filter((r: { is_primary: boolean }) => r.is_primary)).toHaveLength(1);
    const contact = (await json(`/entities/Contacts/${relations[0].contact_id}`)).data;
    expect(contact.email1).toBe("maria.lopez@acme.example.com");
  });

  it("serves USD as the base currency next to EUR and GBP", async () => {
    const page = await json("/entities/Currencies");
    expect(page.data.map((c: { code: string; is_base: boolean }) => [c.code, c.is_base])).toEqual([
      ["USD", true],
      ["EUR", false],
      ["GBP", false],
    ]);
  });
});

describe("opportunities", () => {
  it("creates an opportunity from the tutorial's lookups (201, success envelope) and reads it back", async () => {
    const { owner, pipeline, account, relations, currency } = await lookUpOpportunityParts();
    const res = await call("/entities/Opportunities", {
      method: "POST",
      body: {
        name: "Acme — platform deal",
        owner_id: owner.id,
        step_id: pipeline.steps[0].id,
        closing_date: "2024-09-30",
        value: { base_value: 12500.5, currency_id: currency.id },
        account_relations: [{ account_id: account.id, is_primary: true }],
        contact_relations: relations.map((r: { contact_id: string; is_primary: boolean }) => ({ contact_id: r.contact_id, is_primary: r.is_primary })),
      },
    });
    expect(res.status).toBe(201);
    const { success, data } = await res.json();
    expect(success).toBe(true);
    expect(data).toMatchObject({
      name: "Acme — platform deal",
      owner_id: owner.id,
      unit_id: owner.default_unit_id,
      step_id: pipeline.steps[0].id,
      pipeline_id: pipeline.id,
      closing_date: "2024-09-30",
      value: { base_value: 12500.5, currency_id: currency.id, value_foreign: 12500.5 },
      status: 1,
      is_deleted: false,
      revision: 1,
    });
    expect(data.account_relations).toEqual([{ id: expect.any(String), account_id: account.id, is_primary: true }]);
    expect(data.created).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/);
    expect(data.owner).toBe(`${server.baseUrl}/entities/Clients/${owner.id}`);

    const readBack = await json(`/entities/Opportunities/${data.id}?expand=owner,step`);
    expect(readBack.data.owner).toMatchObject({ id: owner.id, email: "priya.shah@example.com" });
    expect(readBack.data.step).toMatchObject({ name: "Discovery" });
    expect(server.store.get("Opportunities", data.id)).toMatchObject({ name: "Acme — platform deal" });
  });

  it("derives the base value from a foreign value through the exchange rate", async () => {
    const { owner, pipeline } = await lookUpOpportunityParts();
    const euro = (await json("/entities/Currencies?filter[code]=EUR")).data[0];
    const res = await call("/entities/Opportunities", {
      method: "POST",
      body: { name: "Euro deal", owner_id: owner.id, step_id: pipeline.steps[1].id, closing_date: "2024-10-01", value: { value_foreign: 920, currency_id: euro.id } },
    });
    expect(res.status).toBe(201);
    expect((await res.json()).data.value).toEqual({ base_value: 1000, currency_id: euro.id, value_foreign: 920 });
  });

  it("refuses base_value and value_foreign that disagree at its own exchange rate", async () => {
    const { owner, pipeline } = await lookUpOpportunityParts();
    const euro = (await json("/entities/Currencies?filter[code]=EUR")).data[0];
    const body = { name: "Euro deal", owner_id: owner.id, step_id: pipeline.steps[1].id, closing_date: "2024-10-01" };
    const agreeing = await call("/entities/Opportunities", { method: "POST", body: { ...body, value: { base_value: 1000, value_foreign: 920, currency_id: euro.id } } });
    expect(agreeing.status).toBe(201);
    // Our own rate (1 EUR = 1.08 USD) is not Pipeliner's (1 USD = 0.92 EUR).
    const res = await call("/entities/Opportunities", { method: "POST", body: { ...body, value: { base_value: 993.6, value_foreign: 920, currency_id: euro.id } } });
    expect(res.status).toBe(422);
    expect((await res.json()).field_errors[0]).toMatchObject({ field_name: "value" });
  });

  it("refuses value_foreign in a space with only its base currency", async () => {
    const single = await startPipelinerServer({ entities: { Currencies: [{ id: "usd", code: "USD", symbol: "$", is_base: true }] } });
    try {
      const auth = { authorization: basic(single.username, single.password), "content-type": "application/json" };
      const owner = (await (await fetch(`${single.baseUrl}/entities/Clients?first=1`, { headers: auth })).json()).data[0];
      const step = (await (await fetch(`${single.baseUrl}/entities/Steps?first=1`, { headers: auth })).json()).data[0];
      const post = (value: unknown) =>
        fetch(`${single.baseUrl}/entities/Opportunities`, {
          method: "POST",
          headers: auth,
          body: JSON.stringify({ name: "Deal", owner_id: owner.id, step_id: step.id, closing_date: "2024-10-01", value }),
        });
      const foreign = await post({ base_value: 100, value_foreign: 100, currency_id: "usd" });
      expect(foreign.status).toBe(422);
      expect((await foreign.json()).message).toMatch(/value_foreign.*multi-currency/);
      expect((await post({ base_value: 100, currency_id: "usd" })).status).toBe(201);
    } finally {
      await single.stop();
    }
  });

  it("lists every missing required field in one ERROR_ENTITY_VALIDATION body", async () => {
    const res = await call("/entities/Opportunities", { method: "POST", body: {} });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body).toMatchObject({ success: false, http_status: 422, code: 40000, name: "ERROR_ENTITY_VALIDATION", entity_name: "Opportunity" });
    expect(body.field_errors.map((e: { field_name: string }) => e.field_name)).toEqual(["name", "owner_id", "step_id", "closing_date", "value"]);
    expect(body.field_errors[0]).toMatchObject({ code: 40002, name: "ERROR_FIELD_VALIDATION", errors: [{ code: 119, name: "ERROR_PARAMETER_MISSING" }] });
    expect(body.message.startsWith("\nNon-null field 'Opportunity'")).toBe(true);
    expect(server.store.all("Opportunities")).toEqual([]);
  });

  it.each([
    ["two primary accounts", "account_relations", "Error on field account_relations. Exactly one 'is_primary' item must be set."],
    ["no primary contact", "contact_relations", "Error on field contact_relations. Exactly one 'is_primary' item must be set."],
    ["an unknown owner", "owner_id", "Client 'nobody' does not exist."],
    ["an unknown step", "step_id", "Step 'nowhere' does not exist."],
    ["a closing date in another format", "closing_date", "Invalid date '30/09/2024', expected format YYYY-MM-DD."],
    ["an unknown currency", "value", "Currency 'XXX' does not exist."],
  ])("refuses %s with the field's error", async (_label, field, message) => {
    const { owner, pipeline, account, relations, currency } = await lookUpOpportunityParts();
    const valid = {
      name: "Deal",
      owner_id: owner.id,
      step_id: pipeline.steps[0].id,
      closing_date: "2024-09-30",
      value: { base_value: 100, currency_id: currency.id },
      account_relations: [{ account_id: account.id, is_primary: true }],
      contact_relations: [{ contact_id: relations[0].contact_id, is_primary: true }],
    };
    const broken = {
      account_relations: { account_relations: [{ account_id: account.id, is_primary: true }, { account_id: account.id, is_primary: true }] },
      contact_relations: { contact_relations: relations.map((r: { contact_id: string }) => ({ contact_id: r.contact_id, is_primary: false })) },
      owner_id: { owner_id: "nobody" },
      step_id: { step_id: "nowhere" },
      closing_date: { closing_date: "30/09/2024" },
      value: { value: { base_value: 100, currency_id: "XXX" } },
    }[field];
    const res = await call("/entities/Opportunities", { method: "POST", body: { ...valid, ...broken } });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.field_errors).toEqual([expect.objectContaining({ field_name: field, errors: [expect.objectContaining({ code: 117, message })] })]);
    expect(body.message).toBe(`\n${message}`);
  });

  it("refuses a body that is not JSON with ERROR_PARAMETER_INVALID", async () => {
    const res = await call("/entities/Opportunities", { method: "POST", body: "{oops" });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ success: false, http_status: 400, code: 117, name: "ERROR_PARAMETER_INVALID", message: "Missing or invalid JSON data." });
  });

  it("updates part of an opportunity, bumping its revision, and soft-deletes it", async () => {
    const { owner, pipeline, currency } = await lookUpOpportunityParts();
    const created = (
      await json("/entities/Opportunities", {
        method: "POST",
        body: { name: "Deal", owner_id: owner.id, step_id: pipeline.steps[0].id, closing_date: "2024-09-30", value: { base_value: 100, currency_id: currency.id } },
      })
    ).data;
    const patched = await call(`/entities/Opportunities/${created.id}`, { method: "PATCH", body: { step_id: pipeline.steps[4].id } });
    expect(patched.status).toBe(200);
    expect((await patched.json()).data).toMatchObject({ name: "Deal", step_id: pipeline.steps[4].id, revision: 2 });
    expect((await call(`/entities/Opportunities/${created.id}`, { method: "PATCH", body: { name: "" } })).status).toBe(422);

    expect(await json(`/entities/Opportunities/${created.id}`, { method: "DELETE" })).toEqual({ success: true, data: created.id });
    expect((await call(`/entities/Opportunities/${created.id}`)).status).toBe(404);
    expect((await json("/entities/Opportunities")).total).toBe(0);
    expect((await json("/entities/Opportunities?include-deleted")).data[0]).toMatchObject({ id: created.id, is_deleted: true });
  });

  it("only writes Opportunities", async () => {
    const res = await call("/entities/Accounts", { method: "POST", body: { name: "New Co" } });
    expect(res.status).toBe(405);
    expect(await res.json()).toMatchObject({ success: false, http_status: 405 });
  });
});

describe("paging", () => {
  beforeEach(() => {
    const [owner] = server.store.all("Clients");
    for (let i = 0; i < 75; i++) server.store.insert("Opportunities", { name: `Deal ${String(i).padStart(2, "0")}`, owner_id: owner.id });
  });

  it("pages with first/after until has_next_page is false, surviving a delete between pages", async () => {
    const names: string[] = [];
    let after: string | null = null;
    const pages: { total: number; page_info: { has_previous_page: boolean; has_next_page: boolean; end_cursor: string | null } }[] = [];
    do {
      const page = await json(`/entities/Opportunities?first=30${after ? `&after=${encodeURIComponent(after)}` : ""}`);
      if (pages.length === 0) server.store.softDelete("Opportunities", page.data[29].id);
      names.push(...page.data.map((o: { name: string }) => o.name));
      pages.push(page);
      after = page.page_info.has_next_page ? page.page_info.end_cursor : null;
    } while (after);
    expect(pages.map((p) => p.page_info.has_previous_page)).toEqual([false, true, true]);
    expect(pages.map((p) => p.total)).toEqual([75, 74, 74]);
    expect(names).toEqual(Array.from({ length: 75 }, (_, i) => `Deal ${String(i).padStart(2, "0")}`));
  });

  it("defaults to 30, caps first at 100 and refuses a bad first or cursor", async () => {
    expect((await json("/entities/Opportunities")).data).toHaveLength(30);
    expect((await json("/entities/Opportunities?first=500")).data).toHaveLength(75);
    for (let i = 0; i < 50; i++) server.store.insert("Opportunities", { name: `More ${i}` });
    expect((await json("/entities/Opportunities?first=500")).data).toHaveLength(100);
    expect((await call("/entities/Opportunities?first=0")).status).toBe(400);
    expect((await call("/entities/Opportunities?after=bm9wZQ==")).status).toBe(400);
  });

  it("orders by the order-by fields, '-' meaning descending", async () => {
    const page = await json("/entities/Opportunities?order-by=-name&first=3&load-only=name");
    expect(page.data).toEqual([{ name: "Deal 74" }, { name: "Deal 73" }, { name: "Deal 72" }]);
    const next = await json(`/entities/Opportunities?order-by=-name&first=2&load-only=name&after=${encodeURIComponent(page.page_info.end_cursor)}`);
    expect(next.data).toEqual([{ name: "Deal 71" }, { name: "Deal 70" }]);
  });
});

describe("faults", () => {
  it("has no rate limit by default but answers 429 in Pipeliner's shape when one is set", async () => {
    for (let i = 0; i < 50; i++) expect((await call("/entities/Currencies")).status).toBe(200);
    server.setRateLimit({ requests: 1, windowMs: 3_000, retryAfter: true });
    expect((await call("/entities/Currencies")).status).toBe(200);
    const limited = await call("/entities/Currencies");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    expect(await limited.json()).toEqual({ success: false, http_status: 429, code: 429, name: "ERROR_TOO_MANY_REQUESTS", message: "Too Many Requests" });
  });

  it("injects a 429 without Retry-After and a 503, then recovers", async () => {
    server.failNext(1, 429);
    server.failNext(1, 503);
    const first = await call("/entities/Clients");
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBeNull();
    expect((await call("/entities/Clients")).status).toBe(503);
    expect((await call("/entities/Clients")).status).toBe(200);
  });
});
