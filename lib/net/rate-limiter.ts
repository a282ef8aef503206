// The one client-side rate limiter, for every API we call (Exact Sales pulls, destination
// pushes): at most `requests` request starts in any `windowMs`, optionally at most
// `maxConcurrent` in flight, callers served in order, and a pause (a 429's Retry-After)
// that holds back every caller, not just the one refused. Budgets are per process: several
// workers against one API should split them.
//
// Decision: our own ~80 lines rather than a library. p-throttle has the sliding window but
// no concurrency cap, no shared pause and no injectable clock (its tests would sleep);
// p-limit adds only the cap; bottleneck covers most of it but has had no release since
// 2019. Retries are not here: push retries are durable (lib/sync schedules the next
// attempt in the database), so a retry loop such as p-retry would not fit; lib/net/backoff.ts
// computes the delays.
import { systemClock, type Clock } from "./clock";

export type RateLimit = {
  requests: number;
  windowMs: number;
  /**
   * Added to the window: the server counts arrivals, we count departures, and uneven
   * latency can bring two departures a window apart closer together on arrival.
   */
  marginMs?: number;
  /** Requests in flight at once through `schedule` (unlimited when absent). */
  maxConcurrent?: number;
  /**
   * Starts on a fixed grid this far apart: a start due at t makes the next one due at
   * t + spacingMs, however late the timer fired, so timer lateness (a busy event loop) never
   * adds up into a lower rate. The window above still bounds any catch-up.
   */
  spacingMs?: number;
};

/** How many slots late timers may fall behind the grid and still be caught up. */
const CATCH_UP_SLOTS = 4;

/**
 * A 429 without Retry-After pauses everyone this many slots at first, twice as long for each
 * refusal that follows within a window, never longer than the window.
 */
const REFUSAL_PAUSE_SLOTS = 4;

/** Added to a per-second window: what uneven latency can take off the gap between two arrivals. */
const PER_SECOND_MARGIN_MS = 30;

/**
 * Evenly spaced starts: one every 1000 / requestsPerSecond ms (a few at once only to catch
 * up with late timers, never after idling), and never more than requestsPerSecond in any
 * second (plus a small margin), as the server counts.
 */
export function perSecond(requestsPerSecond: number, maxConcurrent?: number): RateLimit {
  const spacingMs = 1000 / requestsPerSecond;
  const requests = Math.max(1, Math.floor(requestsPerSecond));
  return { requests, windowMs: requests * spacingMs, marginMs: Math.min(PER_SECOND_MARGIN_MS, spacingMs), spacingMs, maxConcurrent };
}

export class RateLimiter {
  private readonly startedAt: number[] = [];
  /** Callers are served in order: each start waits for the one before it. */
  private queue: Promise<void> = Promise.resolve();
  private pausedUntil = 0;
  /** When the next start is due on the spacing grid (spacingMs only). */
  private nextSlotAt = -Infinity;
  private running = 0;
  private readonly waitingToRun: (() => void)[] = [];
  /** The pause the last refusal without Retry-After brought, and when it came. */
  private lastRefusal = { at: -Infinity, pauseMs: 0 };

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: Clock = systemClock,
  ) {
    if (!Number.isInteger(limit.requests) || limit.requests < 1) throw new RangeError("requests must be a positive integer");
    if (!(limit.windowMs > 0)) throw new RangeError("windowMs must be positive");
    if (limit.maxConcurrent !== undefined && !(Number.isInteger(limit.maxConcurrent) && limit.maxConcurrent >= 1)) {
      throw new RangeError("maxConcurrent must be a positive integer");
    }
    if (limit.spacingMs !== undefined && !(limit.spacingMs > 0)) throw new RangeError("spacingMs must be positive");
  }

  /** Waits until a request may start and counts it as started. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.takeStart(signal));
    // A cancelled caller must not block the ones queued behind it.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Runs `task` once a start is free and fewer than `maxConcurrent` are in flight. */
  async schedule<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.enter();
    try {
      await this.acquire(signal);
      return await task();
    } finally {
      this.leave();
    }
  }

  /** Nobody starts a request for `ms` (a 429 with Retry-After, or our own backoff after one). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }

  /**
   * The server refused a request (429). With its Retry-After, nobody starts until then.
   * Without one (ChartMogul sends none) the server counted more arrivals in its window than we
   * counted starts: uneven latency bunched a few together. They leave its window a few slots
   * later, not a whole window later, so the pause starts short and doubles only while
   * requests started after it are refused too (a server whose window works differently).
   */
  refused(retryAfterMs: number | null): void {
    if (retryAfterMs !== null) return this.pauseFor(retryAfterMs);
    const now = this.clock.now();
    // Started before the pause began: the same bunch, already waited for.
    if (now < this.pausedUntil) return;
    const slotMs = this.limit.spacingMs ?? this.limit.windowMs / this.limit.requests;
    const inARow = now - (this.lastRefusal.at + this.lastRefusal.pauseMs) <= this.limit.windowMs;
    const pauseMs = Math.min(this.limit.windowMs, inARow ? this.lastRefusal.pauseMs * 2 : REFUSAL_PAUSE_SLOTS * slotMs);
    this.lastRefusal = { at: now, pauseMs };
    this.pauseFor(pauseMs);
  }

  get inFlight(): number {
    return this.running;
  }

  private async takeStart(signal?: AbortSignal): Promise<void> {
    const span = this.limit.windowMs + (this.limit.marginMs ?? 0);
    for (;;) {
      signal?.throwIfAborted();
      const now = this.clock.now();
      while (this.startedAt.length > 0 && this.startedAt[0] <= now - span) this.startedAt.shift();
      // Re-checked after every sleep: a pause may have begun meanwhile.
      const windowWait = this.startedAt.length < this.limit.requests ? 0 : this.startedAt[0] + span - now;
      const wait = Math.max(this.pausedUntil - now, windowWait, this.nextSlotAt - now);
      if (wait <= 0) {
        this.startedAt.push(now);
        const spacing = this.limit.spacingMs;
        // Behind by a few slots at most (timers fire late on a busy machine): the grid holds and
        // the next starts catch up at once. Further behind (idle, a pause): it restarts from now,
        // so an idle limiter never bursts.
        if (spacing !== undefined) this.nextSlotAt = (now - this.nextSlotAt <= CATCH_UP_SLOTS * spacing ? this.nextSlotAt : now) + spacing;
        return;
      }
      await this.clock.sleep(wait, signal);
    }
  }

  private async enter(): Promise<void> {
    if (this.limit.maxConcurrent === undefined || this.running < this.limit.maxConcurrent) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.waitingToRun.push(resolve));
  }

  private leave(): void {
    const next = this.waitingToRun.shift();
    // Hand the place straight to the next waiter so `running` never dips and refills (no overshoot).
    if (next) next();
    else this.running--;
  }
}
