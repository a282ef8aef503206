import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DestinationError } from "@/lib/destinations/destination-error";
import { ConfigError } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { ExactSalesError } from "@/lib/sources/exact-sales/exact-sales-client";
import { classifyFailure, isTransientHttpStatus } from "./classify-failure";

const s3Error = (name: string, status: number) => Object.assign(new Error(`${name} happened`), { name, $fault: status >= 500 ? "server" : "client", $metadata: { httpStatusCode: status } });

describe("classifyFailure", () => {
  it.each([
    ["undecryptable credential", new AppError("misconfigured", 'Credential "cm" cannot be decrypted: …'), "run"],
    ["malformed secret key", new ConfigError("DEALPORT_SECRET_KEY is malformed: …"), "run"],
    ["deleted credential", new AppError("not_found", "No credential with id c1"), "run"],
    ["no credential", new AppError("bad_request", 'Destination "d" has no credential'), "run"],
    ["settings failing their schema", z.object({ apiUrl: z.url() }).safeParse({ apiUrl: "x" }).error!, "run"],
    ["endpoint refused by the policy", new AppError("bad_request", "ChartMogul URL must use https in production"), "run"],
    ["destination refuses the credential", new DestinationError("rejected", "ChartMogul answered HTTP 401", 401), "run"],
    ["destination rejects one deal", new DestinationError("rejected", "ChartMogul answered HTTP 422: owner", 422), "item"],
    ["Exact Sales refuses the token", new ExactSalesError("auth", "GET /Leads", 401, "Exact Sales refused the token"), "run"],
    ["S3 access denied", s3Error("AccessDenied", 403), "run"],
    ["S3 bucket missing", s3Error("NoSuchBucket", 404), "run"],
  ])("%s is permanent (%s)", (_what, err, scope) => {
    expect(classifyFailure(err)).toMatchObject({ retry: "permanent", scope });
  });

  it.each([
    ["5xx / timeout of a write", new DestinationError("unknown_outcome", "ChartMogul answered HTTP 503", 503), { outcomeUnknown: true }],
    ["429", new DestinationError("rate_limited", "ChartMogul answered HTTP 429", 429, 2000), { rateLimited: true, retryAfterMs: 2000 }],
    ["connection refused", Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } }), {}],
    ["DNS not answering", Object.assign(new Error("getaddrinfo EAI_AGAIN"), { code: "EAI_AGAIN" }), {}],
    ["timeout", Object.assign(new Error("The operation was aborted due to timeout"), { name: "TimeoutError" }), {}],
    ["S3 503", s3Error("ServiceUnavailable", 503), {}],
    ["Exact Sales unavailable", new ExactSalesError("unavailable", "GET /Leads", 503, "Exact Sales failed"), {}],
    ["an unknown error", new Error("something odd"), {}],
  ])("%s is transient", (_what, err, extra) => {
    expect(classifyFailure(err)).toMatchObject({ retry: "transient", ...extra });
  });

  it("keeps the message and adds what to do for a refused credential", () => {
    expect(classifyFailure(new DestinationError("rejected", "Pipeliner answered HTTP 403", 403)).reason).toBe(
      "Pipeliner answered HTTP 403. Check the credential in Settings → Credentials (save it again if it changed), then retry the run.",
    );
  });

  it("retries only timeouts, rate limits and server errors", () => {
    expect([400, 401, 403, 404, 408, 409, 422, 429, 500, 501, 503].filter(isTransientHttpStatus)).toEqual([408, 429, 500, 501, 503]);
  });
});
