import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { assertNotLastAdmin } from "./lock-admins";
import { changeUserRoleSchema } from "./schemas";

/** Changes a role; the user's sessions end (they sign in again with the new role). The last admin stays admin. */
export async function changeUserRole(input: unknown, actor: Actor | null) {
  const { userId, role } = changeUserRoleSchema.parse(input);
  return getDb().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true } });
    if (!user) throw new AppError("not_found", `No user with id ${userId}`);
    if (user.role === role) return { id: user.id, email: user.email, role, changed: false };
    if (user.role === "admin") await assertNotLastAdmin(tx, user.id, `make ${user.email} a ${role}`);
    await tx.user.update({ where: { id: userId }, data: { role, sessionVersion: { increment: 1 } } });
    await recordAuditEvent(
      {
        actor,
        action: "user.role",
        target: { type: "user", id: user.id },
        summary: `Changed the role of ${user.email} from ${user.role} to ${role}`,
        details: { before: user.role, after: role },
      },
      tx,
    );
    return { id: user.id, email: user.email, role, changed: true };
  });
}
