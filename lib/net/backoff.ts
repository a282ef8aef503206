// Retry timing for every API client: jittered exponential backoff with a cap (as the
// ChartMogul SDKs do: min 500 ms, max 60 s, randomised by half), and the server's
// Retry-After when it sends one.

export type BackoffOptions = { baseMs?: number; capMs?: number; random?: () => number };

/**
 * Delay before attempt `attempt + 1` after `attempt` failures (attempt ≥ 1):
 * base·2^(attempt−1), capped, then 50–100 % of it ("equal jitter": half fixed, half
 * random, so many clients do not retry in step).
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const { baseMs = 500, capMs = 60_000, random = Math.random } = options;
  const exponential = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (0.5 + random() * 0.5));
}

/** Retry-After as milliseconds: (delta-)seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // Only something that looks like a date: Date.parse reads "soon 2" or "1.5.3" as one.
  if (!/[a-z]/i.test(trimmed)) return null;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
