import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/auth/passwords";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { createUserSchema, type CreateUserInput } from "./schemas";

/** Creates a user; a duplicate e-mail is a conflict, never a second row. */
export async function createUser(input: CreateUserInput, actor: Actor | null) {
  const data = createUserSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  const db = getDb();
  return await db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email: data.email, name: data.name, role: data.role, passwordHash },
      select: { id: true, email: true, name: true, role: true, createdAt: true },
    });
    await recordAuditEvent(
      {
        actor,
        action: "user.create",
        target: { type: "user", id: user.id },
        summary: `Created user ${user.email} with role ${user.role}`,
      },
      tx,
    );
    return user;
  });
}
