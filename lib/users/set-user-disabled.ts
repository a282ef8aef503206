import "server-only";
import { revokeUserApiTokens } from "@/lib/auth/api-tokens";
import type { Actor } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { assertNotLastAdmin } from "./lock-admins";
import { setUserDisabledSchema, type SetUserDisabledInput } from "./schemas";

/**
 * Disables or re-enables a user. Disabling bumps sessionVersion, so open sessions end
 * on their next request, and revokes the user's API tokens (re-enabling does not bring
 * them back: the user makes new ones). Nobody disables themselves, and the last
 * enabled admin stays enabled.
 */
export async function setUserDisabled(input: SetUserDisabledInput, actor: Actor | null) {
  const { userId, disabled } = setUserDisabledSchema.parse(input);
  if (disabled && actor?.id === userId) throw new AppError("conflict", "You cannot disable your own account; ask another admin");
  return getDb().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true, disabled: true } });
    if (!user) throw new AppError("not_found", `No user with id ${userId}`);
    if (user.disabled === disabled) return { id: user.id, email: user.email, disabled, changed: false, revokedTokens: 0 };
    if (disabled && user.role === "admin") await assertNotLastAdmin(tx, user.id, `disable ${user.email}`);
    await tx.user.update({ where: { id: userId }, data: { disabled, ...(disabled ? { sessionVersion: { increment: 1 } } : {}) } });
    const revokedTokens = disabled ? await revokeUserApiTokens(tx, userId) : 0;
    await recordAuditEvent(
      {
        actor,
        action: disabled ? "user.disable" : "user.enable",
        target: { type: "user", id: user.id },
        summary: `${disabled ? "Disabled" : "Enabled"} ${user.email}${revokedTokens ? `; revoked ${revokedTokens} API token${revokedTokens === 1 ? "" : "s"}` : ""}`,
        ...(disabled ? { details: { revokedTokens } } : {}),
      },
      tx,
    );
    return { id: user.id, email: user.email, disabled, changed: true, revokedTokens };
  });
}
