// A dedicated `pg` connection for work the shared Prisma pool cannot do: session advisory
// locks held for a whole import, temporary staging tables and COPY FROM STDIN.
import "server-only";
import pg from "pg";
import { readDatabaseUrl, readEnv } from "@/lib/env";

// Imports, approvals and rollbacks sort and hash whole snapshots (a million staged deals, the
// merged accounts); at the server's default work_mem (4 MB) each of those spills to disk in
// dozens of batches, more per row as the snapshot grows. These few sessions may use more.
const BULK_WORK_MEM_MB = 128;

/** `bulk`: a session that applies or rolls back whole imports (see BULK_WORK_MEM_MB). */
export async function connectPg(application = "dealport", { bulk = false } = {}): Promise<pg.Client> {
  const url = readDatabaseUrl();
  // The process id, so pg_stat_activity and pg_locks say which process holds what (several
  // workers may share one database).
  const client = new pg.Client({ connectionString: url, application_name: `${application}:${process.pid}` });
  // Without a listener an idle connection dropped by the server would crash the process;
  // the next query on it fails and the caller handles that.
  client.on("error", (error) => console.error(`[dealport] ${application} connection lost: ${error.message}`));
  await client.connect();
  if (bulk) {
    const workMemMb = readEnv().DEALPORT_IMPORT_WORK_MEM_MB ?? BULK_WORK_MEM_MB;
    await client.query(`set work_mem = '${workMemMb}MB'`).catch(async (error) => {
      await client.end().catch(() => {});
      throw error;
    });
  }
  return client;
}
