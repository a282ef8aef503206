import { dataDir, readEnv } from "@/lib/env";
import { ensureEmbeddedPostgres, type EmbeddedServer } from "./embedded-postgres";

export type DatabaseTarget = { url: string; kind: "embedded" | "external"; embedded?: EmbeddedServer };

/**
 * DATABASE_URL when set, otherwise the embedded PostgreSQL under data/ (started if
 * needed). Sets process.env.DATABASE_URL so the Prisma client and child processes
 * see the same database.
 */
export async function resolveDatabase(log?: (line: string) => void): Promise<DatabaseTarget> {
  const env = readEnv();
  // A parent process (demo, start) that resolved the embedded server passes it on.
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, kind: databaseKind() };
  const embedded = await ensureEmbeddedPostgres({
    dataRoot: dataDir(env),
    port: env.DEALPORT_EMBEDDED_PG_PORT,
    log,
  });
  process.env.DATABASE_URL = embedded.url;
  process.env.DEALPORT_DB_KIND = "embedded";
  return { url: embedded.url, kind: "embedded", embedded };
}

export function databaseKind(): "embedded" | "external" {
  return process.env.DEALPORT_DB_KIND === "embedded" ? "embedded" : "external";
}
