import { createApiToken, expect, test } from "./fixtures";

// The REST API's contract for scripts: JSON errors with the right status, never HTML
// or a stack trace, and role checks on the server.

test("health needs no token and reports the database and migrations", async ({ request }) => {
  const response = await request.get("/api/v1/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({
    status: "ok",
    database: { reachable: true },
    migrations: { upToDate: true, pending: [] },
  });
});

test("no token, a malformed header or a made-up token: 401 JSON", async ({ request }) => {
  const attempts: Record<string, string>[] = [{}, { Authorization: "Basic abc" }, { Authorization: "Bearer dpt_not-a-real-token" }];
  for (const headers of attempts) {
    const response = await request.get("/api/v1/me", { headers });
    expect(response.status()).toBe(401);
    expect(response.headers()["content-type"]).toContain("application/json");
    expect((await response.json()).error).toMatchObject({ code: "unauthenticated" });
  }
});

test("a viewer's token is refused admin and operator mutations with 403, and reads work", async ({ signedIn, request }) => {
  const token = await createApiToken(await signedIn("viewer"), "api spec");
  const headers = { Authorization: `Bearer ${token}` };
  expect((await request.get("/api/v1/me", { headers })).status()).toBe(200);
  const addRate = await request.post("/api/v1/exchange-rates", { headers, data: { currency: "EUR", rate: "1.1", validFrom: "2027-01-01" } });
  expect(addRate.status()).toBe(403);
  expect((await addRate.json()).error.code).toBe("forbidden");
  const startImport = await request.post("/api/v1/imports", { headers, data: {} });
  expect(startImport.status()).toBe(403);
});

test("an admin's malformed JSON is a 400 and wrong types a 422 naming the fields; nothing is written", async ({ signedIn, request }) => {
  const token = await createApiToken(await signedIn("admin"), "api spec");
  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
  const malformed = await request.post("/api/v1/exchange-rates", { headers, data: Buffer.from('{"currency": "EUR", ') });
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).error).toMatchObject({ code: "bad_request", message: expect.stringContaining("Malformed JSON") });

  const wrongTypes = await request.post("/api/v1/exchange-rates", { headers, data: { currency: 42, rate: "lots", validFrom: "yesterday" } });
  expect(wrongTypes.status()).toBe(422);
  const { error } = await wrongTypes.json();
  expect(error.code).toBe("validation_failed");
  expect(Object.keys(error.details)).toEqual(expect.arrayContaining(["currency", "rate", "validFrom"]));

  const rates = await (await request.get("/api/v1/exchange-rates", { headers })).json();
  expect(JSON.stringify(rates)).not.toContain("lots");
});
