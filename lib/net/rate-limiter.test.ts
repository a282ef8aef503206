// Every wait here passes on a fake clock: the tests assert exact start times and take
// no real time.
import { describe, expect, it } from "vitest";
import { createFakeClock } from "@/lib/test/fake-clock";
import { backoffDelay, parseRetryAfter } from "./backoff";
import { perSecond, RateLimiter } from "./rate-limiter";

/** Resolves when `release()` is called: a request that stays in flight until the test says so. */
function gate() {
  let release = () => {};
  const opened = new Promise<void>((resolve) => (release = resolve));
  return { opened, release };
}

describe("RateLimiter: a sliding window of starts", () => {
  it("lets `requests` through at once, then waits until the oldest leaves the window", async () => {
    const clock = createFakeClock(1_000);
    const limiter = new RateLimiter({ requests: 3, windowMs: 20_000 }, clock);
    const startedAt: number[] = [];
    for (let i = 0; i < 7; i++) {
      await limiter.acquire();
      startedAt.push(clock.now());
    }
    expect(startedAt).toEqual([1_000, 1_000, 1_000, 21_000, 21_000, 21_000, 41_000]);
  });

  it("never has more than `requests` starts in any window, margin included, and uses the budget", async () => {
    const clock = createFakeClock();
    const limiter = new RateLimiter({ requests: 30, windowMs: 20_000, marginMs: 500 }, clock);
    const startedAt: number[] = [];
    for (let i = 0; i < 100; i++) {
      await limiter.acquire();
      startedAt.push(clock.now());
      clock.advance(137); // requests take time; the limiter must count from their starts
    }
    for (let i = 30; i < startedAt.length; i++) expect(startedAt[i] - startedAt[i - 30]).toBeGreaterThanOrEqual(20_500);
    expect(startedAt.at(-1)!).toBeLessThan(3 * 20_500 + 10 * 137);
  });

  it("serves concurrent callers in order, one start each", async () => {
    const clock = createFakeClock();
    const limiter = new RateLimiter({ requests: 2, windowMs: 1_000 }, clock);
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((n) => limiter.acquire().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3, 4]);
    expect(clock.now()).toBe(1_000);
  });

  it("stops waiting when the caller aborts, without blocking later callers", async () => {
    const clock = createFakeClock();
    const limiter = new RateLimiter({ requests: 1, windowMs: 60_000 }, clock);
    await limiter.acquire();
    const controller = new AbortController();
    controller.abort(new Error("cancelled"));
    await expect(limiter.acquire(controller.signal)).rejects.toThrow("cancelled");
    await limiter.acquire();
    expect(clock.now()).toBe(60_000);
  });
});

describe("RateLimiter: per second with a concurrency cap (destinations)", () => {
  it("spaces starts evenly: 20 per second means one every 50 ms, never a burst, never 20 in a second", async () => {
    const clock = createFakeClock();
    const limiter = new RateLimiter(perSecond(20, 50), clock);
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 30 }, () => limiter.schedule(async () => void starts.push(clock.now()))));
    expect(starts.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => i * 50));
    // The 21st waits for the first to leave the second, margin included; the spacing goes on from there.
    expect(starts.slice(20, 22)).toEqual([1_030, 1_080]);
    for (let i = 1; i < starts.length; i++) expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(50);
  });

  it.each([7, 40])("a timer that fires %i ms late does not lower the rate: the grid holds, the window still caps each second", async (lateMs) => {
    const base = createFakeClock();
    // Every sleep overshoots, as timers do on a busy machine.
    const late = { ...base, sleep: async (ms: number) => base.sleep(ms + lateMs) };
    const limiter = new RateLimiter(perSecond(40, 8), late);
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 400 }, () => limiter.schedule(async () => void starts.push(base.now()))));
    for (let i = 40; i < starts.length; i++) expect(starts[i] - starts[i - 40]).toBeGreaterThanOrEqual(1_030);
    // Lateness carried from start to start would give 31 or 15 req/s; here only the window's own
    // waits are late, once per 40 starts: 40 per 1,030 + lateness ms at worst.
    const rate = (starts.length - 1) / ((starts.at(-1)! - starts[0]) / 1000);
    expect(rate).toBeGreaterThan(36);
  });

  it("after idling it starts afresh: no burst to make up for the quiet time", async () => {
    const clock = createFakeClock();
    const limiter = new RateLimiter(perSecond(40, 8), clock);
    await limiter.acquire();
    clock.advance(5_000);
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) {
      await limiter.acquire();
      starts.push(clock.now());
    }
    expect(starts).toEqual([5_000, 5_025, 5_050]);
  });

  it("caps requests in flight and hands a finished place to the next caller", async () => {
    const limiter = new RateLimiter(perSecond(1_000, 3), createFakeClock());
    const requests = Array.from({ length: 5 }, gate);
    let started = 0;
    const done = Promise.all(requests.map((r) => limiter.schedule(async () => (started++, r.opened))));
    await new Promise((resolve) => setImmediate(resolve));
    expect([started, limiter.inFlight]).toEqual([3, 3]);
    requests[0].release();
    await new Promise((resolve) => setImmediate(resolve));
    expect([started, limiter.inFlight]).toEqual([4, 3]);
    requests.forEach((r) => r.release());
    await done;
    expect([started, limiter.inFlight]).toEqual([5, 0]);
  });

  it("a pause (Retry-After) holds back every caller, then the spacing resumes", async () => {
    const clock = createFakeClock(10_000);
    const limiter = new RateLimiter(perSecond(10, 10), clock);
    limiter.pauseFor(300);
    const starts: number[] = [];
    await Promise.all([1, 2].map(() => limiter.schedule(async () => void starts.push(clock.now()))));
    expect(starts).toEqual([10_300, 10_400]);
  });

  it("a 429 without Retry-After pauses a few slots, not a window; refusals of later starts double it, up to the window", async () => {
    const clock = createFakeClock(10_000);
    const limiter = new RateLimiter(perSecond(40, 8), clock);
    const nextStart = async () => {
      await limiter.acquire();
      return clock.now();
    };
    limiter.refused(null);
    // Requests already in flight when the first refusal came back are the same bunch: no longer pause.
    limiter.refused(null);
    expect(await nextStart()).toBe(10_100);
    limiter.refused(null);
    expect(await nextStart()).toBe(10_300);
    limiter.refused(null);
    expect(await nextStart()).toBe(10_700);
    for (let i = 0; i < 4; i++) {
      limiter.refused(null);
      clock.advance(1_000);
    }
    limiter.refused(null);
    expect(await nextStart()).toBe(15_700);
    // A refusal long after the last one starts short again.
    clock.advance(5_000);
    limiter.refused(null);
    expect(await nextStart()).toBe(20_800);
  });

  it("a 429 with Retry-After pauses exactly that long", async () => {
    const clock = createFakeClock(10_000);
    const limiter = new RateLimiter(perSecond(40, 8), clock);
    limiter.refused(2_000);
    await limiter.acquire();
    expect(clock.now()).toBe(12_000);
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
    expect(parseRetryAfter("1.5")).toBe(1500);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:05 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"))).toBe(5000);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:05 GMT", Date.parse("Wed, 21 Oct 2015 08:00:00 GMT"))).toBe(0);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter("1.5.3")).toBeNull();
  });
});
