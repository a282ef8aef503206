// A dedicated `pg` connection for work the shared Prisma pool cannot do: session advisory
// locks held for a whole import, temporary staging tables and COPY FROM STDIN.
import "server-only";
import pg from "pg";
import { readDatabaseUrl } from "@/lib/env";

export async function connectPg(application = "dealport"): Promise<pg.Client> {
  const url = readDatabaseUrl();
  // The process id, so pg_stat_activity and pg_locks say which process holds what (several
  // workers may share one database).
  const client = new pg.Client({ connectionString: url, application_name: `${application}:${process.pid}` });
  // Without a listener an idle connection dropped by the server would crash the process;
  // the next query on it fails and the caller handles that.
  client.on("error", (error) => console.error(`[dealport] ${application} connection lost: ${error.message}`));
  await client.connect();
  return client;
}
