import { describe, expect, it } from "vitest";
import { RateLimiter, perSecond } from "@/lib/net/rate-limiter";
import { chartmogulRecordUrl } from "./chartmogul/record-url";
import { createHttpClient } from "./http-client";

const client = () => createHttpClient({ baseUrl: "https://api.example.test", headers: {}, limiter: new RateLimiter(perSecond(10)), secrets: ["sk_live_SECRET123"], service: "Test" });

describe("recordAnswer", () => {
  it("keeps the status and the whole body with every secret (and its encodings) redacted", () => {
    const echoed = { uuid: "u1", note: "key sk_live_SECRET123", auth: Buffer.from("sk_live_SECRET123").toString("base64") };
    expect(client().recordAnswer({ status: 201, body: echoed })).toEqual({ status: 201, body: { uuid: "u1", note: "key [redacted]", auth: "[redacted]" } });
  });

  it("keeps an answer without secrets as it came", () => {
    const body = { uuid: "u1", custom: { dealport_deal_id: "d1" } };
    expect(client().recordAnswer({ status: 201, body })).toEqual({ status: 201, body });
  });

  it("keeps only the start of a very large answer", () => {
    const answer = client().recordAnswer({ status: 200, body: { list: "x".repeat(40_000) } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ truncated: true });
    expect((answer.body as { text: string }).text).toHaveLength(16_384);
  });
});

describe("chartmogulRecordUrl", () => {
  it("is the page of the customer the payload named", () => {
    const payload = { operation: "create", body: { customer_uuid: "cus_1a6f3c52-7d0e-4b8a-9c61-0f2d5e8b7a11" } };
    expect(chartmogulRecordUrl({ externalId: "opp", payload })).toBe("https://app.chartmogul.com/#/customers/cus_1a6f3c52-7d0e-4b8a-9c61-0f2d5e8b7a11");
  });

  it("has none when the payload names no customer, or one that could not be a customer id", () => {
    expect(chartmogulRecordUrl({ externalId: "opp", payload: null })).toBeNull();
    expect(chartmogulRecordUrl({ externalId: "opp", payload: { body: { customer_uuid: "x/../../evil?" } } })).toBeNull();
  });
});
