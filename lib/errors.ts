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

/**
 * Normalises anything thrown into an AppError (unknown errors become a generic 500). Prisma's
 * unique violation (P2002) and missing record (P2025) are mapped here once, so lib code lets
 * them through instead of catching them by code.
 */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return new AppError("validation_failed", "Some fields are invalid", fieldErrors(err));
  const prisma = prismaKnownError(err);
  if (prisma?.code === "P2002") {
    const model = modelLabel(prisma.meta);
    const fields = uniqueFields(prisma.meta);
    const what = fields.length ? `this ${fields.join(" and ")}` : "these values";
    return new AppError("conflict", `Another ${model} already has ${what}`, Object.fromEntries(fields.map((f) => [f, "already exists"])));
  }
  if (prisma?.code === "P2025") return new AppError("not_found", `The ${modelLabel(prisma.meta)} was not found`);
  return new AppError("internal", "Something went wrong");
}

type PrismaMeta = { modelName?: unknown; target?: unknown; driverAdapterError?: { cause?: { table?: unknown; constraint?: { index?: unknown; fields?: unknown } } } };

// Duck-typed rather than `instanceof Prisma.PrismaClientKnownRequestError`: every layer imports
// this module, and it should not pull the generated client in with it.
function prismaKnownError(err: unknown): { code: string; meta: PrismaMeta } | null {
  if (!(err instanceof Error) || err.name !== "PrismaClientKnownRequestError") return null;
  const { code, meta } = err as Error & { code?: unknown; meta?: unknown };
  return typeof code === "string" ? { code, meta: (meta ?? {}) as PrismaMeta } : null;
}

function modelLabel(meta: PrismaMeta): string {
  const model = typeof meta.modelName === "string" ? meta.modelName : "record";
  return model.replace(/(?<=[a-z])(?=[A-Z])/g, " ").toLowerCase();
}

// The driver adapter names the violated index (`User_email_key`); other engines give `target`.
function uniqueFields(meta: PrismaMeta): string[] {
  if (Array.isArray(meta.target)) return meta.target.filter((f): f is string => typeof f === "string");
  const cause = meta.driverAdapterError?.cause;
  if (Array.isArray(cause?.constraint?.fields)) return cause.constraint.fields.filter((f): f is string => typeof f === "string");
  const index = cause?.constraint?.index;
  const table = cause?.table;
  if (typeof index !== "string" || typeof table !== "string" || !index.startsWith(`${table}_`) || !index.endsWith("_key")) return [];
  return index.slice(table.length + 1, -"_key".length).split("_");
}
