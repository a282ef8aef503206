import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeClock } from "@/lib/test/fake-clock";
import { startChartMogulServer, type ChartMogulServer } from "./index";

let server: ChartMogulServer;

beforeEach(async () => {
  server = await startChartMogulServer({ apiKeysWithoutCrmSeat: ["cm_no_seat"], apiKeys: ["cm_sandbox_key", "cm_no_seat"] });
});

afterEach(async () => {
  await server.stop();
});

const basic = (username: string, password = "") => `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;

function call(path: string, init: { method?: string; body?: unknown; key?: string } = {}) {
  return fetch(`${server.baseUrl}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: basic(init.key ?? server.apiKey), "content-type": "application/json" },
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
  });
}

const ACME = "cus_1a6f3c52-7d0e-4b8a-9c61-0f2d5e8b7a11";

const validOpportunity = {
  customer_uuid: ACME,
  owner: "alex.morgan@example.com",
  pipeline: "New Business",
  pipeline_stage: "Discovery",
  estimated_close_date: "2024-04-21",
  currency: "USD",
  amount_in_cents: 100000,
  type: "recurring",
  forecast_category: "best_case",
  win_likelihood: 40,
  custom: [
    { key: "seats", value: 3 },
    { key: "dealport_deal_id", value: "deal_123" },
  ],
};

describe("authentication", () => {
  it("answers ping with the API key as Basic username and an empty password", async () => {
    const res = await call("/v1/ping");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: "pong!" });
    expect((await fetch(`${server.url}/v1/ping`, { headers: { authorization: basic(server.apiKey, server.apiKey) } })).status).toBe(200);
  });

  it("refuses a wrong key, a missing header and a stray password with ChartMogul's 401 body", async () => {
    const unauthorized = { code: 401, message: "No valid API key provided", param: null };
    for (const headers of [{ authorization: basic("wrong") }, {}, { authorization: basic(server.apiKey, "not-the-key") }] as HeadersInit[]) {
      const res = await fetch(`${server.url}/v1/ping`, { headers });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual(unauthorized);
    }
  });

  it("refuses the opportunity endpoints to a key without a CRM seat", async () => {
    expect((await call("/v1/ping", { key: "cm_no_seat" })).status).toBe(200);
    const res = await call("/v1/opportunities", { key: "cm_no_seat" });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 403, param: null });
  });
});

describe("customers", () => {
  it("pages through every customer with cursor and per_page until has_more is false", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await call(`/v1/customers?per_page=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      const page = (await res.json()) as { entries: { uuid: string }[]; has_more: boolean; cursor: string | null };
      seen.push(...page.entries.map((c) => c.uuid));
      cursor = page.has_more ? page.cursor : null;
      if (!page.has_more) expect(page.cursor).toBeNull();
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(server.store.customers().map((c) => c.uuid));
    expect(new Set(seen).size).toBe(5);
  });

  it("clamps per_page to 200 and refuses a non-positive one or a bad cursor", async () => {
    for (let i = 0; i < 250; i++) server.store.addCustomer({ name: `Bulk ${i}`, email: `bulk${i}@example.com`, external_id: `BULK-${i}` });
    const page = await (await call("/v1/customers?per_page=500")).json();
    expect(page.entries).toHaveLength(200);
    expect(page.has_more).toBe(true);
    expect((await call("/v1/customers?per_page=0")).status).toBe(400);
    const badCursor = await call("/v1/customers?cursor=bm9wZQ==");
    expect(badCursor.status).toBe(400);
    expect(await badCursor.json()).toMatchObject({ param: "cursor" });
  });

  it("filters by external_id, answering an empty page for an unknown one", async () => {
    // Real customers carry their billing system's ids, not the CRM's.
    const found = await (await call("/v1/customers?external_id=cus_OQ3kLr8sTzY1Wd")).json();
    expect(found.entries.map((c: { name: string }) => c.name)).toEqual(["Globex Corp"]);
    expect((await (await call("/v1/customers?external_id=ACC-1002")).json()).entries).toEqual([]);
    expect(await (await call("/v1/customers?external_id=NOPE")).json()).toEqual({ entries: [], has_more: false, cursor: null });
  });

  it("searches by e-mail case-insensitively and answers 404 when nothing matches", async () => {
    const res = await call("/v1/customers/search?email=BILLING%40acme.example.com");
    expect(res.status).toBe(200);
    expect((await res.json()).entries[0].uuid).toBe(ACME);
    const missing = await call("/v1/customers/search?email=nobody%40example.com");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ code: 404, message: `Can't find any customers with email: "nobody@example.com"`, param: "email" });
  });
});

describe("opportunities", () => {
  it("creates an opportunity (201) and reads it back by uuid and in the customer's list", async () => {
    const res = await call("/v1/opportunities", { method: "POST", body: validOpportunity });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(created).toMatchObject({ ...validOpportunity, custom: { seats: 3, dealport_deal_id: "deal_123" } });
    expect(created.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(created.updated_at).toBe(created.created_at);

    expect(await (await call(`/v1/opportunities/${created.uuid}`)).json()).toEqual(created);
    const list = await (await call(`/v1/opportunities?customer_uuid=${ACME}`)).json();
    expect(list).toEqual({ entries: [created], has_more: false, cursor: null });
    expect((await (await call("/v1/opportunities?customer_uuid=cus_other")).json()).entries).toEqual([]);
    expect(server.store.getOpportunity(created.uuid)).toEqual(created);
  });

  it("fills type, forecast_category and win_likelihood from the stage when left out", async () => {
    const required = Object.fromEntries(
      Object.entries(validOpportunity).filter(([field]) => !["type", "forecast_category", "win_likelihood", "custom"].includes(field)),
    );
    const res = await call("/v1/opportunities", { method: "POST", body: { ...required, pipeline_stage: "Negotiation" } });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ type: "recurring", forecast_category: "committed", win_likelihood: 75, custom: {} });
  });

  it.each([
    ["a missing required field", { amount_in_cents: undefined }, "amount_in_cents"],
    ["an unknown customer", { customer_uuid: "cus_00000000-0000-0000-0000-000000000000" }, "customer_uuid"],
    ["an owner that is not an e-mail", { owner: "alex" }, "owner"],
    ["an owner without a CRM seat", { owner: "stranger@example.com" }, "owner"],
    ["an unknown pipeline", { pipeline: "Renewals" }, "pipeline"],
    ["a stage outside the pipeline", { pipeline_stage: "Won-ish" }, "pipeline_stage"],
    ["a close date in another format", { estimated_close_date: "21/04/2024" }, "estimated_close_date"],
    ["an impossible close date", { estimated_close_date: "2024-02-30" }, "estimated_close_date"],
    ["a lower-case currency", { currency: "usd" }, "currency"],
    ["a fractional amount", { amount_in_cents: 1000.5 }, "amount_in_cents"],
    ["an amount sent as a string", { amount_in_cents: "1000" }, "amount_in_cents"],
    ["an unknown type", { type: "arr-ish" }, "type"],
    ["an unknown forecast category", { forecast_category: "maybe" }, "forecast_category"],
    ["a win likelihood above 100", { win_likelihood: 101 }, "win_likelihood"],
    ["custom sent as an object", { custom: { seats: 3 } }, "custom"],
  ])("refuses %s with 422 naming the param", async (_label, change, param) => {
    const res = await call("/v1/opportunities", { method: "POST", body: { ...validOpportunity, ...change } });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body).toMatchObject({ code: 422, param });
    expect(typeof body.message).toBe("string");
    expect(server.store.opportunities()).toEqual([]);
  });

  it("refuses a body that is not JSON with 400", async () => {
    const res = await call("/v1/opportunities", { method: "POST", body: "{not json" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 400 });
  });

  it("updates part of an opportunity, merging custom keys, and validates the change", async () => {
    const clock = createFakeClock(Date.UTC(2026, 0, 1));
    await server.stop();
    server = await startChartMogulServer({ clock });
    const created = await (await call("/v1/opportunities", { method: "POST", body: validOpportunity })).json();
    clock.advance(1_000);
    const res = await call(`/v1/opportunities/${created.uuid}`, {
      method: "PATCH",
      body: { pipeline_stage: "Closed Won", forecast_category: "won", custom: [{ key: "seats", value: 5 }] },
    });
    expect(res.status).toBe(200);
    const updated = await res.json();
    expect(updated).toMatchObject({ pipeline_stage: "Closed Won", forecast_category: "won", amount_in_cents: 100000 });
    expect(updated.custom).toEqual({ seats: 5, dealport_deal_id: "deal_123" });
    expect(created.updated_at).toBe("2026-01-01T00:00:00.000Z");
    expect(updated.updated_at).toBe("2026-01-01T00:00:01.000Z");

    const refused = await call(`/v1/opportunities/${created.uuid}`, { method: "PATCH", body: { pipeline: "Renewals" } });
    expect(refused.status).toBe(422);
    expect(server.store.getOpportunity(created.uuid)?.pipeline).toBe("New Business");
  });

  it("deletes with 200 and an empty object, then answers 404", async () => {
    const created = await (await call("/v1/opportunities", { method: "POST", body: validOpportunity })).json();
    const res = await call(`/v1/opportunities/${created.uuid}`, { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    const gone = await call(`/v1/opportunities/${created.uuid}`);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ code: 404 });
  });

  it("pages the opportunity list 200 at a time to the end, unaffected by deletes in between", async () => {
    const uuids = Array.from({ length: 450 }, (_, i) =>
      server.store.insertOpportunity({ ...validOpportunity, custom: { n: i }, type: "recurring", forecast_category: "pipeline", win_likelihood: 10 }).uuid,
    );
    const first = await (await call("/v1/opportunities")).json();
    expect(first.entries).toHaveLength(200);
    server.store.deleteOpportunity(first.entries[199].uuid);
    const second = await (await call(`/v1/opportunities?cursor=${encodeURIComponent(first.cursor)}`)).json();
    const third = await (await call(`/v1/opportunities?cursor=${encodeURIComponent(second.cursor)}`)).json();
    expect([second.entries.length, third.entries.length, third.has_more]).toEqual([200, 50, false]);
    expect([...first.entries, ...second.entries, ...third.entries].map((o: { uuid: string }) => o.uuid)).toEqual(uuids);
  });

  it("filters the list by close-date range and stage", async () => {
    for (const [date, stage] of [["2024-01-10", "Discovery"], ["2024-02-10", "Proposal"], ["2024-03-10", "Proposal"]]) {
      await call("/v1/opportunities", { method: "POST", body: { ...validOpportunity, estimated_close_date: date, pipeline_stage: stage } });
    }
    const page = await (
      await call("/v1/opportunities?estimated_close_date_on_or_after=2024-02-01&estimated_close_date_on_or_before=2024-03-10&pipeline_stage=Proposal")
    ).json();
    expect(page.entries.map((o: { estimated_close_date: string }) => o.estimated_close_date)).toEqual(["2024-02-10", "2024-03-10"]);
  });
});

describe("limits and faults", () => {
  it("allows the documented 40 requests per second, then answers 429 with ChartMogul's message and no Retry-After", async () => {
    // Time stands still, so all 45 land within one second however busy the machine is.
    await server.stop();
    server = await startChartMogulServer({ clock: createFakeClock(), maxConcurrentRequests: null });
    const responses = await Promise.all(Array.from({ length: 45 }, () => call("/v1/ping")));
    const statuses = responses.map((res) => res.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(40);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    const limited = responses.find((res) => res.status === 429)!;
    expect(limited.headers.get("retry-after")).toBeNull();
    expect(await limited.json()).toEqual({ code: 429, message: "Your request rate has exceeded our rate limit.", param: null });
  });

  it("sends Retry-After when configured to", async () => {
    server.setRateLimit({ requests: 1, windowMs: 2_000, retryAfter: true });
    await call("/v1/ping");
    const res = await call("/v1/ping");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("2");
  });

  it("answers 503 beyond 20 parallel requests", async () => {
    server.setRateLimit(null);
    // Long enough for all 25 to be in flight together, even on a busy machine.
    server.setLatency(500);
    const statuses = (await Promise.all(Array.from({ length: 25 }, () => call("/v1/ping")))).map((res) => res.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.filter((s) => s === 503)).toHaveLength(5);
  });

  it("injects server errors with ChartMogul's error body", async () => {
    server.failNext(1, 500);
    const res = await call("/v1/ping");
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ code: 500, message: "Internal Server Error", param: null });
    expect((await call("/v1/ping")).status).toBe(200);
  });

  it("keeps an opportunity whose response was lost, so a client must reconcile instead of re-creating", async () => {
    server.dropNext(1, { afterHandling: true });
    await expect(call("/v1/opportunities", { method: "POST", body: validOpportunity })).rejects.toThrow();
    const [kept] = server.store.opportunities();
    expect(kept.custom).toEqual({ seats: 3, dealport_deal_id: "deal_123" });
  });
});
