import "server-only";
import { getDb, type Db } from "@/lib/db/client";

/** The account's name for a filter chip; null when the id is unknown. */
export async function findAccountName(id: string, db: Db = getDb()): Promise<string | null> {
  return (await db.account.findUnique({ where: { id }, select: { name: true } }))?.name ?? null;
}
