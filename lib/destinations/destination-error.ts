// How a destination call failed, in the terms the worker acts on:
// - rejected: the destination refused the request (4xx); retrying the same payload won't help.
// - rate_limited: refused before doing anything (429); retry after `retryAfterMs`.
// - unknown_outcome: 5xx, timeout or a lost connection; the write may or may not have
//   happened, so the next attempt must first look for it (find()).
type DestinationErrorKind = "rejected" | "rate_limited" | "unknown_outcome";

export class DestinationError extends Error {
  constructor(
    readonly kind: DestinationErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = "DestinationError";
  }
}
