import { describe, expect, it } from "vitest";
import { backoffDelay, parseRetryAfter } from "./backoff";
import { createRateLimiter } from "./rate-limiter";

describe("rate limiter", () => {
  it("spaces starts evenly: about the budget in any second, never a burst", async () => {
    const limiter = createRateLimiter({ requestsPerSecond: 20, maxConcurrent: 50 });
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 30 }, () => limiter.schedule(async () => void starts.push(Date.now()))));
    // One extra allows for the event loop recording a start a few ms late.
    for (const t of starts) expect(starts.filter((s) => s >= t && s < t + 1000).length).toBeLessThanOrEqual(21);
    expect(starts[starts.length - 1] - starts[0]).toBeGreaterThanOrEqual(29 * 50 - 20);
  });

  it("caps requests in flight", async () => {
    const limiter = createRateLimiter({ requestsPerSecond: 1000, maxConcurrent: 3 });
    let peak = 0;
    await Promise.all(
      Array.from({ length: 12 }, () =>
        limiter.schedule(async () => {
          peak = Math.max(peak, limiter.inFlight);
          await new Promise((r) => setTimeout(r, 10));
        }),
      ),
    );
    expect(peak).toBe(3);
  });

  it("a pause (Retry-After) holds back every caller", async () => {
    const limiter = createRateLimiter({ requestsPerSecond: 1000, maxConcurrent: 10 });
    const t0 = Date.now();
    limiter.pauseFor(300);
    await limiter.schedule(async () => undefined);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
  });
});

describe("backoff", () => {
  it("grows exponentially with jitter and stops at the cap", () => {
    expect(backoffDelay(1, { baseMs: 500, random: () => 1 })).toBe(500);
    expect(backoffDelay(3, { baseMs: 500, random: () => 1 })).toBe(2000);
    expect(backoffDelay(3, { baseMs: 500, random: () => 0 })).toBe(1000);
    expect(backoffDelay(30, { baseMs: 500, capMs: 60_000, random: () => 1 })).toBe(60_000);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("2")).toBe(2000);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:05 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"))).toBe(5000);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
  });
});
