// Who is calling: from a session (user id + session version) or a bearer token.
// Always re-read from the database so disabling a user takes effect at once.
import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { hashToken } from "./api-tokens";
import { TIER_ROLE, type Actor, type Tier } from "./permissions";
import { hasRole } from "./roles";

export async function actorFromSession(session: { userId: string; sessionVersion: number } | null): Promise<Actor | null> {
  if (!session) return null;
  const user = await getDb().user.findUnique({
    where: { id: session.userId },
    select: { id: true, email: true, role: true, disabled: true, sessionVersion: true, name: true },
  });
  if (!user || user.disabled || user.sessionVersion !== session.sessionVersion) return null;
  return { id: user.id, email: user.email, role: user.role };
}

export async function actorFromBearer(authorization: string | null): Promise<Actor | null> {
  const match = authorization?.match(/^Bearer\s+(\S+)$/i);
  if (!match) return null;
  const db = getDb();
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(match[1]) },
    select: { id: true, revokedAt: true, expiresAt: true, user: { select: { id: true, email: true, role: true, disabled: true } } },
  });
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt < new Date()) || token.user.disabled) return null;
  // Best effort: usage time is informational, never worth failing a request over.
  void db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } }).catch(() => {});
  return { id: token.user.id, email: token.user.email, role: token.user.role };
}

/** Throws 401 without an actor and 403 when the actor's role is below the tier. */
export function assertTier(actor: Actor | null, tier: Tier): Actor {
  if (!actor) throw new AppError("unauthenticated", "Sign in or send a valid API token");
  if (!hasRole(actor.role, TIER_ROLE[tier])) {
    throw new AppError("forbidden", `This needs the ${TIER_ROLE[tier]} role; you are ${actor.role}`);
  }
  return actor;
}
