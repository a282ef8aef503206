import "server-only";
import { dataDir, exportEnv, readEnv, type Env } from "@/lib/env";
import { ensureEmbeddedPostgres, type EmbeddedServer } from "./embedded-postgres";

export type DatabaseTarget = { url: string; kind: "embedded" | "external"; embedded?: EmbeddedServer };

/**
 * DATABASE_URL when set, otherwise the embedded PostgreSQL under data/ (started if
 * needed). Exports DATABASE_URL and DEALPORT_DB_KIND so the Prisma client and child
 * processes see the same database.
 */
export async function resolveDatabase(log?: (line: string) => void): Promise<DatabaseTarget> {
  const env = readEnv();
  // A parent process (demo, start) that resolved the embedded server passes it on.
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, kind: databaseKind(env) };
  const embedded = await ensureEmbeddedPostgres({
    dataRoot: dataDir(env),
    port: env.DEALPORT_EMBEDDED_PG_PORT,
    log,
  });
  exportEnv({ DATABASE_URL: embedded.url, DEALPORT_DB_KIND: "embedded" }, { override: true });
  return { url: embedded.url, kind: "embedded", embedded };
}

export function databaseKind(env: Env = readEnv()): "embedded" | "external" {
  return env.DEALPORT_DB_KIND ?? "external";
}
