// Wraps /api/v1 route handlers: refuse cross-site cookie requests, authorise the tier,
// run, map errors to { error: { code, message, details } } with the right status.
import { NextResponse } from "next/server";
import type { Actor, Tier } from "@/lib/auth/permissions";
import { readEnv } from "@/lib/env";
import { toAppError } from "@/lib/errors";
import { assertSameOrigin } from "@/lib/http/assert-same-origin";
import { requireActor } from "./guard";

type Handler<C> = (req: Request, ctx: { actor: Actor; params: C }) => Promise<unknown>;

export function jsonError(err: unknown) {
  const appError = toAppError(err);
  if (appError.code === "internal") {
    const id = crypto.randomUUID();
    console.error(`[dealport] error ${id}:`, err instanceof Error ? err.message : err);
    return NextResponse.json({ error: { code: "internal", message: `Something went wrong (error id ${id})`, details: null } }, { status: 500 });
  }
  return NextResponse.json(
    { error: { code: appError.code, message: appError.message, details: appError.details ?? null } },
    { status: appError.status },
  );
}

export function apiRoute<C = Record<string, string>>(tier: Tier, handler: Handler<C>) {
  return async (req: Request, context: { params: Promise<C> }) => {
    try {
      assertSameOrigin(req, readEnv().NEXTAUTH_URL);
      const actor = await requireActor(tier);
      const result = await handler(req, { actor, params: await context.params });
      return result instanceof Response ? result : NextResponse.json(serialisable(result));
    } catch (err) {
      return jsonError(err);
    }
  };
}

/** BigInt (money, ids) as strings in JSON. */
function serialisable(value: unknown) {
  return JSON.parse(JSON.stringify(value ?? null, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}
