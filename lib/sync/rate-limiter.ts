// A small in-process limiter for one destination: requests are spaced evenly
// (1000 / requestsPerSecond ms apart, so no sliding window of a second ever holds more
// than the budget) and at most `maxConcurrent` are in flight. A 429's Retry-After
// pauses every caller, not just the one that was refused.
// Decision: bottleneck/p-retry are not installed and this is all the app needs; the
// budget is per process, so several worker processes should split requestsPerSecond.

export type RateLimiterOptions = {
  requestsPerSecond: number;
  maxConcurrent: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

export type RateLimiter = {
  schedule<T>(task: () => Promise<T>): Promise<T>;
  /** Nobody starts a request for `ms` (a 429 with Retry-After, or our own backoff after one). */
  pauseFor(ms: number): void;
  readonly inFlight: number;
};

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const interval = 1000 / options.requestsPerSecond;
  let nextSlotAt = 0;
  let inFlight = 0;
  const waitingForSlot: (() => void)[] = [];

  async function acquireConcurrency() {
    if (inFlight < options.maxConcurrent) {
      inFlight++;
      return;
    }
    await new Promise<void>((resolve) => waitingForSlot.push(resolve));
  }

  function releaseConcurrency() {
    const next = waitingForSlot.shift();
    // Hand the slot straight to the next waiter so inFlight never dips and refills (no overshoot).
    if (next) next();
    else inFlight--;
  }

  /** Waits until the next free start time (re-checked after each sleep: a pause may have moved it). */
  async function waitForStartTime() {
    for (;;) {
      const wait = nextSlotAt - now();
      if (wait <= 0) {
        nextSlotAt = now() + interval;
        return;
      }
      await sleep(wait);
    }
  }

  return {
    async schedule(task) {
      await acquireConcurrency();
      try {
        await waitForStartTime();
        return await task();
      } finally {
        releaseConcurrency();
      }
    },
    pauseFor(ms) {
      nextSlotAt = Math.max(nextSlotAt, now() + ms);
    },
    get inFlight() {
      return inFlight;
    },
  };
}
