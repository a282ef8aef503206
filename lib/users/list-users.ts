import "server-only";
import { getDb } from "@/lib/db/client";

export type UserSummary = { id: string; email: string; name: string | null; role: "admin" | "operator" | "viewer"; disabled: boolean; createdAt: Date };

/** Every user by e-mail: never the password hash. */
export async function listUsers(): Promise<UserSummary[]> {
  return getDb().user.findMany({
    orderBy: { email: "asc" },
    take: 10_000,
    select: { id: true, email: true, name: true, role: true, disabled: true, createdAt: true },
  });
}
