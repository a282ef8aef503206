import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "./permissions";

const TOKEN_PREFIX = "dpt_";

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, "name is required").max(80, "name must be at most 80 characters"),
  expiresInDays: z.coerce.number().int().min(1).max(3650).optional(),
});

export function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/** Creates a personal API token; the returned `token` is shown once and never stored. */
export async function createApiToken(actor: Actor, input: z.input<typeof createTokenSchema>) {
  const data = createTokenSchema.parse(input);
  const token = TOKEN_PREFIX + randomBytes(24).toString("base64url");
  const expiresAt = data.expiresInDays ? new Date(Date.now() + data.expiresInDays * 86_400_000) : null;
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

export async function listApiTokens(actor: Actor) {
  return getDb().apiToken.findMany({
    where: { userId: actor.id },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true },
  });
}

export async function revokeApiToken(actor: Actor, tokenId: string) {
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({
      where: { id: tokenId, userId: actor.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (!count) throw new AppError("not_found", "No such active token");
    await recordAuditEvent(
      { actor, action: "api_token.revoke", target: { type: "api_token", id: tokenId }, summary: "Revoked an API token" },
      tx,
    );
  });
}
