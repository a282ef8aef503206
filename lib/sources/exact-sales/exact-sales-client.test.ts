// The client against the fake Exact Spotter API (sandbox/exact-sales): paging, the
// empty-page quirk, rate limiting, retries, and what its errors say.
import { afterEach, describe, expect, it } from "vitest";
import { startExactSalesServer, type ExactLead, type ExactSalesServer, type ExactSalesServerOptions } from "@/sandbox/exact-sales";
import { ExactSalesClient, ExactSalesError, type ExactSalesClientOptions } from "./exact-sales-client";
import type { ExactEntitySet } from "./records";
import { createFakeClock } from "@/lib/test/fake-clock";

const NOW = new Date("2024-06-01T12:00:00Z");
let server: ExactSalesServer;

async function start(options: ExactSalesServerOptions = {}) {
  server = await startExactSalesServer({ now: NOW, rateLimit: null, ...options });
  return server;
}

afterEach(async () => {
  await server?.stop();
});

/** A client whose waits (backoff, Retry-After, rate limit) pass on a fake clock. */
function clientFor(options: Partial<ExactSalesClientOptions> = {}) {
  const clock = createFakeClock();
  const client = new ExactSalesClient({ baseUrl: server.baseUrl, token: server.token, rateLimit: null, clock, random: () => 0.5, ...options });
  return { client, clock };
}

async function listEverything(client: ExactSalesClient, entitySet: ExactEntitySet, filter?: string) {
  const records: unknown[] = [];
  const rejected: unknown[] = [];
  for await (const page of client.listAll(entitySet, { filter })) {
    records.push(...page.records);
    rejected.push(...page.rejected);
  }
  return { records, rejected };
}

const skips = () => server.requests.map((request) => new URLSearchParams(request.search).get("$skip") ?? "0");

async function failure(promise: Promise<unknown>): Promise<ExactSalesError> {
  const error = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(ExactSalesError);
  return error as ExactSalesError;
}

describe("paging", () => {
  it("pages with $skip in 500s and stops at the empty page even though it carries a nextLink", async () => {
    await start({ leadCount: 1000 });
    const { client } = clientFor();
    const { records } = await listEverything(client, "Leads");
    expect(records).toHaveLength(1000);
    expect(new Set(records.map((lead) => (lead as ExactLead).id)).size).toBe(1000);
    expect(skips()).toEqual(["0", "500", "1000"]);
    // The quirk is real in the fake: the empty page advertised a next one we did not follow.
    const lastBody = await fetch(`${server.baseUrl}/Leads?$skip=1000`, { headers: { token_exact: server.token } }).then((r) => r.json());
    expect(lastBody.value).toEqual([]);
    expect(lastBody["@odata.nextLink"]).toContain("$skip=1500");
  });

  it("ends on a short page without a nextLink, with no extra request", async () => {
    await start({ leadCount: 1001 });
    const { client } = clientFor();
    expect((await listEverything(client, "Leads")).records).toHaveLength(1001);
    expect(skips()).toEqual(["0", "500", "1000"]);
  });

  it("asks for a stable order and passes the filter through", async () => {
    await start();
    const { client } = clientFor();
    const { records } = await listEverything(client, "Stages", "funnelId eq 40102");
    expect(records.map((stage) => (stage as { value: string }).value)).toEqual(["Entrada", "Diagnóstico", "Proposta", "Negociação"]);
    const query = new URLSearchParams(server.requests[0].search);
    expect(query.get("$filter")).toBe("funnelId eq 40102");
    expect(query.get("$orderby")).toBe("id asc");
    expect(server.requests[0].headers["token_exact"]).toBe(server.token);
  });

  it("pages tables without a unique id without $orderby=id: campos customizados by (leadId, id), Leads Descartados in the API's order without repeats", async () => {
    await start();
    const { client } = clientFor();
    const lost = server.store.records("losts")[0];
    server.store.insert("losts", [{ ...lost }]);
    const losts = await listEverything(client, "Losts");
    expect(losts.records).toHaveLength(server.store.records("losts").length - 1);
    expect(new URLSearchParams(server.requests[0].search).has("$orderby")).toBe(false);

    server.requests.length = 0;
    const values = await listEverything(client, "LeadsCustomFields");
    expect(values.records).toHaveLength(server.store.records("leadsCustomFields").length);
    expect(new URLSearchParams(server.requests[0].search).get("$orderby")).toBe("leadId asc, id asc");
  });
});

describe("rate limit", () => {
  it("keeps under the server's limit: no 429 at all, and waits only as long as the window needs", async () => {
    // One fake clock for both sides: the client's waits move the time the server counts by.
    const clock = createFakeClock();
    await start({ leadCount: 2600, rateLimit: { requests: 3, windowMs: 20_000 }, clock });
    const client = new ExactSalesClient({ baseUrl: server.baseUrl, token: server.token, rateLimit: { requests: 3, windowMs: 20_000 }, clock });
    const { records } = await listEverything(client, "Leads");
    expect(records).toHaveLength(2600);
    expect(server.requests.map((request) => request.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(client.stats.throttled).toBe(0);
    expect(clock.sleeps).toEqual([20_000]); // the fourth request waits for the first to leave the window
  });

  it("backs off on 429 and finishes when the server limits harder than configured", async () => {
    const clock = createFakeClock();
    await start({ leadCount: 2600, rateLimit: { requests: 2, windowMs: 300 }, clock });
    const client = new ExactSalesClient({ baseUrl: server.baseUrl, token: server.token, rateLimit: null, backoffBaseMs: 100, backoffMaxMs: 400, clock, random: () => 0.5 });
    expect((await listEverything(client, "Leads")).records).toHaveLength(2600);
    expect(client.stats.throttled).toBeGreaterThan(0);
    expect(server.requests.filter((request) => request.status === 429)).toHaveLength(client.stats.throttled);
  });

  it("waits as long as Retry-After says", async () => {
    await start();
    const { client, clock } = clientFor();
    server.failNext(1, 429, undefined, { "retry-after": "7" });
    expect((await listEverything(client, "Funnels")).records).toHaveLength(2);
    expect(clock.sleeps).toEqual([7_000]);
  });

  it("gives up after the last try with a rate-limited error", async () => {
    await start();
    const { client } = clientFor({ maxAttempts: 3 });
    server.failNext(3, 429);
    const error = await failure(listEverything(client, "Funnels"));
    expect(error.failure).toBe("rate_limited");
    expect(error.code).toBe("rate_limited");
    expect(error.message).toContain("GET /Funnels");
  });
});

describe("retries", () => {
  it("retries a page that fails twice, with growing backoff, then succeeds", async () => {
    await start();
    const { client, clock } = clientFor({ backoffBaseMs: 1_000 });
    server.failNext(2, 503);
    expect((await listEverything(client, "Funnels")).records).toHaveLength(2);
    expect(clock.sleeps).toEqual([750, 1_500]); // equal jitter at random() = 0.5: ¾ of 1 s, then of 2 s
    expect(client.stats).toMatchObject({ requests: 3, retries: 2 });
  });

  it("retries a dropped connection", async () => {
    await start();
    const { client } = clientFor();
    server.dropNext(1);
    expect((await listEverything(client, "Funnels")).records).toHaveLength(2);
    expect(server.requests.map((request) => request.status)).toEqual(["dropped", 200]);
  });

  it("fails with the endpoint named when the server stays down", async () => {
    await start();
    const { client } = clientFor({ maxAttempts: 2 });
    await server.stop();
    const error = await failure(listEverything(client, "Leads"));
    expect(error.failure).toBe("unavailable");
    expect(error.code).toBe("upstream_failed");
    expect(error.message).toMatch(/Could not reach Exact Sales at 127\.0\.0\.1:\d+ for GET \/Leads: network error \(ECONNREFUSED\), after 2 tries/);
  });

  it("stops at once when the caller cancels", async () => {
    await start();
    const controller = new AbortController();
    const client = new ExactSalesClient({ baseUrl: server.baseUrl, token: server.token, rateLimit: null, signal: controller.signal });
    server.setLatency(5_000);
    const listing = listEverything(client, "Leads");
    setTimeout(() => controller.abort(new Error("Import cancelled")), 50);
    await expect(listing).rejects.toThrow("Import cancelled");
  });
});

describe("errors", () => {
  it("says the token was refused, without retrying and without the token", async () => {
    await start();
    const { client } = clientFor({ token: "wrong-token-123456" });
    const error = await failure(listEverything(client, "Leads"));
    expect(error.failure).toBe("auth");
    expect(error.httpStatus).toBe(401);
    expect(error.message).toContain("Exact Sales refused the token (HTTP 401 on GET /Leads)");
    expect(error.message).toContain("Authorization has been denied");
    expect(server.requests).toHaveLength(1);
  });

  it("an expired token mid-listing fails the listing", async () => {
    await start({ leadCount: 1200 });
    const { client } = clientFor();
    const pages = client.listAll("Leads");
    expect((await pages.next()).value?.records).toHaveLength(500);
    server.store.tokens.delete(server.token);
    const error = await failure(pages.next());
    expect(error.failure).toBe("auth");
  });

  it("never repeats the token, even when the server echoes it", async () => {
    await start();
    const { client } = clientFor();
    server.failNext(1, 400, { error: { code: "", message: `token ${server.token} is not valid for this account` } });
    const error = await failure(listEverything(client, "Funnels"));
    expect(error.failure).toBe("rejected_request");
    expect(error.message).toBe("Exact Sales GET /Funnels answered HTTP 400: token [redacted] is not valid for this account");
    expect(JSON.stringify(error.details)).not.toContain(server.token);
  });

  it("names the endpoint and the field when the page itself is malformed", async () => {
    await start();
    const { client } = clientFor();
    server.failNext(1, 200, { "@odata.context": "x", value: { id: 1 } });
    const error = await failure(listEverything(client, "SalesReps"));
    expect(error.failure).toBe("invalid_response");
    expect(error.message).toBe("Exact Sales GET /SalesReps answered an unexpected body: value must be an array of records");
  });

  it("rejects a bad record, naming the record and the field, and keeps the others", async () => {
    await start({ leadCount: 3 });
    const bad = { ...server.store.records("leads")[0], id: 51439999, salesRep: "João Araújo" } as unknown as ExactLead;
    server.store.insert("leads", [bad]);
    const { client } = clientFor();
    const { records, rejected } = await listEverything(client, "Leads");
    expect(records).toHaveLength(3);
    expect(rejected).toEqual([
      expect.objectContaining({ entitySet: "Leads", ordinal: 4, recordId: "51439999", field: "salesRep", message: expect.stringMatching(/^Leads record 51439999: salesRep .*expected object/) }),
    ]);
  });
});
