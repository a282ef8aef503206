// Test helpers for *.db.test.ts: the per-run database and a clean slate per file.
import "server-only";
import { inject } from "vitest";
import { disconnectDb, getDb } from "@/lib/db/client";
import { exportEnv } from "@/lib/env";

export function connectTestDatabase() {
  exportEnv({ DATABASE_URL: inject("databaseUrl") }, { override: true });
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
