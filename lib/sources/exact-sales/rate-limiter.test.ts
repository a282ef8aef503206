import { describe, expect, it } from "vitest";
import { SlidingWindowRateLimiter } from "./rate-limiter";
import { createFakeClock } from "./test-clock";

describe("SlidingWindowRateLimiter", () => {
  it("lets `requests` through at once, then waits until the oldest leaves the window", async () => {
    const clock = createFakeClock(1_000);
    const limiter = new SlidingWindowRateLimiter({ requests: 3, windowMs: 20_000 }, clock);
    const startedAt: number[] = [];
    for (let i = 0; i < 7; i++) {
      await limiter.acquire();
      startedAt.push(clock.now());
    }
    expect(startedAt).toEqual([1_000, 1_000, 1_000, 21_000, 21_000, 21_000, 41_000]);
  });

  it("never has more than `requests` starts in any window, margin included", async () => {
    const clock = createFakeClock();
    const limiter = new SlidingWindowRateLimiter({ requests: 30, windowMs: 20_000, marginMs: 500 }, clock);
    const startedAt: number[] = [];
    for (let i = 0; i < 100; i++) {
      await limiter.acquire();
      startedAt.push(clock.now());
      clock.advance(137); // requests take time; the limiter must count from their starts
    }
    for (let i = 30; i < startedAt.length; i++) expect(startedAt[i] - startedAt[i - 30]).toBeGreaterThanOrEqual(20_500);
    // …and uses the budget: 100 requests need barely more than three windows.
    expect(startedAt.at(-1)!).toBeLessThan(3 * 20_500 + 10 * 137);
  });

  it("serves concurrent callers one slot each", async () => {
    const clock = createFakeClock();
    const limiter = new SlidingWindowRateLimiter({ requests: 2, windowMs: 1_000 }, clock);
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((n) => limiter.acquire().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3, 4]);
    expect(clock.now()).toBe(1_000);
  });

  it("stops waiting when the caller aborts, without blocking later callers", async () => {
    const limiter = new SlidingWindowRateLimiter({ requests: 1, windowMs: 60_000 });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error("cancelled"));
    await expect(waiting).rejects.toThrow("cancelled");
  });
});
