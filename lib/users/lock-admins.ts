import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";

/**
 * Serialises changes that could remove an admin (advisory lock for the transaction),
 * then refuses with a conflict when `userId` is the last enabled admin. Two admins
 * demoting each other at the same moment cannot both succeed.
 */
export async function assertNotLastAdmin(tx: Prisma.TransactionClient, userId: string, change: string) {
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtext('dealport.admins'))`;
  const others = await tx.user.count({ where: { role: "admin", disabled: false, id: { not: userId } } });
  if (others === 0) {
    throw new AppError("conflict", `Cannot ${change}: they are the last enabled admin. Make another user an admin first.`, { role: "last admin" });
  }
}
