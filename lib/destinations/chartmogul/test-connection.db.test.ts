// ChartMogul "Test connection": the key must belong to a user with a CRM seat, which
// only the Opportunities endpoints check; /v1/ping answers for any valid key.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDestination } from "@/lib/destinations/test-destination";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { createChartMogulDestination } from "@/lib/test/push-fixtures";
import { startChartMogulServer, type ChartMogulServer } from "@/sandbox/chartmogul";

connectTestDatabase();
let cm: ChartMogulServer;

beforeAll(async () => {
  cm = await startChartMogulServer({ rateLimit: null, apiKeys: ["seat_key", "no_seat_key"], apiKeysWithoutCrmSeat: ["no_seat_key"] });
});
afterAll(async () => {
  await cm.stop();
  await disconnectDb();
});
beforeEach(truncateAll);

describe("ChartMogul test connection", () => {
  it("fails for a valid key whose user has no CRM seat, and passes for one with a seat", async () => {
    const noSeat = await createChartMogulDestination({ apiKey: "no_seat_key", baseUrl: cm.baseUrl });
    const result = await testDestination(noSeat.id, null);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/accepted the API key, but its user has no CRM seat/);
    expect(result.message).not.toContain("no_seat_key");

    const seat = await createChartMogulDestination({ apiKey: "seat_key", baseUrl: cm.baseUrl });
    expect(await testDestination(seat.id, null)).toEqual({ ok: true, message: "Connected: ChartMogul accepted the API key, and its user has a CRM seat" });
  });

  it("fails on a key ChartMogul doesn't know", async () => {
    const bad = await createChartMogulDestination({ apiKey: "wrong", baseUrl: cm.baseUrl });
    const result = await testDestination(bad.id, null);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/401/);
  });
});
