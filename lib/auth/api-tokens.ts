import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb, type Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { canAdminister, type Actor } from "./permissions";

const TOKEN_PREFIX = "dpt_";
/** A token nobody set an expiry for still ends: a forgotten script's key should not live forever. */
export const DEFAULT_TOKEN_DAYS = 90;

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, "name is required").max(80, "name must be at most 80 characters"),
  expiresInDays: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().int().min(1).max(3650).default(DEFAULT_TOKEN_DAYS)),
});

export function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/** Creates a personal API token; the returned `token` is shown once and never stored. */
export async function createApiToken(actor: Actor, input: z.input<typeof createTokenSchema>) {
  const data = createTokenSchema.parse(input);
  const token = TOKEN_PREFIX + randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + data.expiresInDays * 86_400_000);
  const row = await getDb().$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { userId: actor.id, name: data.name, tokenHash: hashToken(token), prefix: token.slice(0, 8), expiresAt },
      select: { id: true, name: true, prefix: true, createdAt: true, expiresAt: true },
    });
    await recordAuditEvent(
      { actor, action: "api_token.create", target: { type: "api_token", id: created.id }, summary: `Created API token "${created.name}"` },
      tx,
    );
    return created;
  });
  return { ...row, token };
}

const tokenSummary = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  user: { select: { id: true, email: true } },
} as const;

/** The actor's own tokens. */
export async function listApiTokens(actor: Actor) {
  return getDb().apiToken.findMany({ where: { userId: actor.id }, orderBy: { createdAt: "desc" }, select: tokenSummary });
}

/** Every user's tokens (admins), optionally one user's; never a hash. */
export async function listAllApiTokens(filter: { userId?: string } = {}) {
  const userId = z.string().max(64).optional().parse(filter.userId);
  return getDb().apiToken.findMany({ where: { userId }, orderBy: [{ userId: "asc" }, { createdAt: "desc" }], take: 10_000, select: tokenSummary });
}

/** Revokes one token: your own, or (admins) anyone's. */
export async function revokeApiToken(actor: Actor, tokenId: string) {
  const id = z.string().max(64).parse(tokenId);
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({
      where: { id, revokedAt: null, ...(canAdminister(actor) ? {} : { userId: actor.id }) },
      data: { revokedAt: new Date() },
    });
    if (!count) throw new AppError("not_found", "No such active token");
    await recordAuditEvent(
      { actor, action: "api_token.revoke", target: { type: "api_token", id }, summary: "Revoked an API token" },
      tx,
    );
  });
}

/** Inside a user change (password reset, disable): every active token of the user stops. Returns how many. */
export async function revokeUserApiTokens(tx: Prisma.TransactionClient, userId: string): Promise<number> {
  const { count } = await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count;
}

export function tokenStatus(token: { revokedAt: Date | null; expiresAt: Date | null }, now = new Date()): "Revoked" | "Expired" | "Active" {
  if (token.revokedAt) return "Revoked";
  return token.expiresAt !== null && token.expiresAt < now ? "Expired" : "Active";
}
