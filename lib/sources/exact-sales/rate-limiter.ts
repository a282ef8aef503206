// Client-side rate limit: at most `requests` request starts in any `windowMs`, so a
// pull stays under Exact Sales' per-token limit instead of learning it from 429s.
import { systemClock, type Clock } from "./clock";

export type RateLimit = {
  requests: number;
  windowMs: number;
  /**
   * Added to the window: the server counts arrivals, we count departures, and uneven
   * latency can bring two departures a window apart closer together on arrival.
   */
  marginMs?: number;
};

export class SlidingWindowRateLimiter {
  private readonly startedAt: number[] = [];
  /** Callers are served in order: each acquire waits for the one before it. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: Clock = systemClock,
  ) {
    if (!Number.isInteger(limit.requests) || limit.requests < 1) throw new RangeError("requests must be a positive integer");
    if (!(limit.windowMs > 0)) throw new RangeError("windowMs must be positive");
  }

  /** Waits until a request may start and counts it as started. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.takeSlot(signal));
    // A cancelled caller must not block the ones queued behind it.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async takeSlot(signal?: AbortSignal): Promise<void> {
    const span = this.limit.windowMs + (this.limit.marginMs ?? 0);
    for (;;) {
      signal?.throwIfAborted();
      const now = this.clock.now();
      while (this.startedAt.length > 0 && this.startedAt[0] <= now - span) this.startedAt.shift();
      if (this.startedAt.length < this.limit.requests) {
        this.startedAt.push(now);
        return;
      }
      await this.clock.sleep(this.startedAt[0] + span - now, signal);
    }
  }
}
