// Typed domain errors: lib throws AppError; toAppError below turns anything into one, and
// app/_lib/api-route.ts, app/_lib/action.ts and cli/output.ts map it to a response.
import { ZodError } from "zod";

export type ErrorCode =
  | "bad_request"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "validation_failed"
  | "rate_limited"
  | "payload_too_large"
  | "unsupported_media_type"
  | "upstream_failed"
  | "misconfigured"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  rate_limited: 429,
  internal: 500,
  // A remote API (a CRM we pull from) failed or answered nonsense: our request was fine.
  upstream_failed: 502,
  // Our own stored setup stops it (a credential that can't be decrypted, settings that no
  // longer parse): no retry helps until a person fixes it. Unlike internal, the message is
  // shown, so it must name the setting and what to do, never a secret.
  misconfigured: 500,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
  get status() {
    return STATUS[this.code];
  }
}

/** Field errors from a ZodError as { "path.to.field": "message" }. */
export function fieldErrors(error: ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    out[key] ??= issue.message;
  }
  return out;
}

/** Normalises anything thrown into an AppError (unknown errors become a generic 500). */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return new AppError("validation_failed", "Some fields are invalid", fieldErrors(err));
  return new AppError("internal", "Something went wrong");
}
