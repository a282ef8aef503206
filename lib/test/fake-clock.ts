// A manual clock for tests: sleeping advances time at once, and every wait is recorded.
import type { Clock } from "@/lib/net/clock";

export type FakeClock = Clock & { sleeps: number[]; advance(ms: number): void };

export function createFakeClock(start = 0): FakeClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    advance: (ms) => {
      now += ms;
    },
    now: () => now,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
      now += ms;
    },
  };
}
