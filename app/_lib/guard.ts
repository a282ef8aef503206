// The one authorisation helper for pages, server actions and route handlers.
// Every entry point names its tier; the check always happens on the server.
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { actorFromBearer, actorFromSession, assertTier } from "@/lib/auth/actor";
import { authOptions } from "@/lib/auth/next-auth-options";
import type { Actor, Tier } from "@/lib/auth/permissions";
import { TIER_ROLE } from "@/lib/auth/permissions";
import { hasRole } from "@/lib/auth/roles";
import { prepareServer } from "@/lib/server/prepare-server";

type SessionWithUser = { userId?: string; sessionVersion?: number } | null;

export async function currentActor(): Promise<Actor | null> {
  // Reading the session first also marks the page dynamic (never prerendered at build).
  const session = (await getServerSession(authOptions)) as SessionWithUser;
  if (!session?.userId) return null;
  await prepareServer();
  return actorFromSession({ userId: session.userId, sessionVersion: session.sessionVersion ?? 0 });
}

/** For pages: signed-out users go to sign-in, users below the tier see the 403 page. */
export async function requirePageActor(tier: Tier, returnTo?: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/sign-in${returnTo ? `?callbackUrl=${encodeURIComponent(returnTo)}` : ""}`);
  if (!hasRole(actor.role, TIER_ROLE[tier])) redirect("/forbidden");
  return actor;
}

/** For server actions and route handlers: throws AppError 401/403. Bearer tokens work too. */
export async function requireActor(tier: Tier): Promise<Actor> {
  await prepareServer();
  const bearer = (await headers()).get("authorization");
  const actor = bearer ? await actorFromBearer(bearer) : await currentActor();
  return assertTier(actor, tier);
}
