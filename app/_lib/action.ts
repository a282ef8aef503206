// Server actions go through here: authorise the tier (re-checked inside the action,
// whatever the page showed), refuse unsafe arguments (reserved names, NUL, deep
// nesting), run, and turn errors into a form-friendly result.
import type { Actor, Tier } from "@/lib/auth/permissions";
import { toAppError } from "@/lib/errors";
import { assertSafeActionArgs } from "@/lib/input/unsafe-input";
import { requireActor } from "./guard";

export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string> };

export function authorizedAction<Args extends unknown[], T>(tier: Tier, fn: (actor: Actor, ...args: Args) => Promise<T>) {
  return async (...args: Args): Promise<ActionResult<T>> => {
    try {
      const actor = await requireActor(tier);
      assertSafeActionArgs(args);
      return { ok: true, data: await fn(actor, ...args) };
    } catch (err) {
      const appError = toAppError(err);
      if (appError.code === "internal") console.error("[dealport] action failed:", err instanceof Error ? err.message : err);
      const fieldErrors =
        appError.details && typeof appError.details === "object" ? (appError.details as Record<string, string>) : undefined;
      return { ok: false, message: appError.message, fieldErrors };
    }
  };
}
