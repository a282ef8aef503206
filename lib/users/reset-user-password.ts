import "server-only";
import { revokeUserApiTokens } from "@/lib/auth/api-tokens";
import { generatePassword, hashPassword } from "@/lib/auth/passwords";
import type { Actor } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { userIdSchema } from "./schemas";

/** Sets a generated password (returned once, never stored or audited), ends the user's sessions and revokes their API tokens. */
export async function resetUserPassword(userId: string, actor: Actor | null) {
  const id = userIdSchema.parse(userId);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  return getDb().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: { id: true, email: true } });
    if (!user) throw new AppError("not_found", `No user with id ${id}`);
    await tx.user.update({ where: { id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    // A reset means the account may be in the wrong hands: its tokens go with the old password.
    const revokedTokens = await revokeUserApiTokens(tx, id);
    await recordAuditEvent(
      {
        actor,
        action: "user.reset_password",
        target: { type: "user", id },
        summary: `Reset the password of ${user.email}${revokedTokens ? `; revoked ${revokedTokens} API token${revokedTokens === 1 ? "" : "s"}` : ""}`,
        details: { revokedTokens },
      },
      tx,
    );
    return { id: user.id, email: user.email, password, revokedTokens };
  });
}
