// The PostgreSQL server a benchmark works in: BENCH_DATABASE_URL (any PostgreSQL >= 15)
// or the embedded one under data/ (DEALPORT_DATA_DIR). A URL naming a database that does not exist yet gets
// it created, said in one line; a server that can't be used is one line too, not a
// driver stack trace.
import pg from "pg";
import { createDatabaseIfMissing, ensureEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { dataDir } from "@/lib/env";

export type BenchServer = { url: string; stop: () => Promise<void> };

const where = (url: URL) => `${url.host}${url.pathname}`;

/** Exits with one line when the server can't be reached; creates the URL's database when only it is missing. */
export async function ensureDatabaseExists(connectionString: string, log: (line: string) => void = console.log): Promise<void> {
  const url = new URL(connectionString);
  const client = new pg.Client({ connectionString });
  try {
    await client.connect();
    return;
  } catch (err) {
    if ((err as { code?: string }).code !== "3D000") fail(`cannot connect to PostgreSQL at ${where(url)}: ${(err as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
  // 3D000: the server answered, only this database is missing. Create it from the maintenance database.
  const database = decodeURIComponent(url.pathname.slice(1));
  const maintenance = new URL(connectionString);
  maintenance.pathname = "/postgres";
  try {
    await createDatabaseIfMissing(maintenance.toString(), database);
  } catch (err) {
    fail(`database "${database}" does not exist on ${url.host} and could not be created: ${(err as Error).message}`);
  }
  log(`database "${database}" did not exist on ${url.host}; created it`);
}

export async function benchServer(log: (line: string) => void = console.log): Promise<BenchServer> {
  const external = process.env.BENCH_DATABASE_URL;
  if (!external) return ensureEmbeddedPostgres({ dataRoot: dataDir(), database: "postgres" });
  await ensureDatabaseExists(external, log);
  return { url: external, stop: async () => {} };
}

function fail(line: string): never {
  console.error(`bench: ${line}`);
  process.exit(1);
}
