// Test helpers for *.db.test.ts: the per-run database and a clean slate per file.
import { inject } from "vitest";
import { disconnectDb, getDb } from "@/lib/db/client";

export function connectTestDatabase() {
  process.env.DATABASE_URL = inject("databaseUrl");
  return getDb();
}

/** Empties every table (keeps the migrations table). */
export async function truncateAll() {
  const db = getDb();
  const rows = await db.$queryRaw<{ tablename: string }[]>`
    select tablename from pg_tables where schemaname = 'public' and tablename <> '_prisma_migrations'`;
  if (rows.length) {
    await db.$executeRawUnsafe(`truncate ${rows.map((r) => `"${r.tablename}"`).join(", ")} restart identity cascade`);
  }
}

export { disconnectDb };
