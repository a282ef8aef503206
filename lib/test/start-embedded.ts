// Child process for embedded-postgres.db.test.ts: ensure the server, print what
// happened as one JSON line, then stay alive until killed (when --hold) or exit.
import "server-only";
import pg from "pg";
import { ensureEmbeddedPostgres } from "@/lib/db/embedded-postgres";

const [dataRoot, port, hold] = process.argv.slice(2);
const lines: string[] = [];
const server = await ensureEmbeddedPostgres({ dataRoot, port: Number(port), log: (l) => lines.push(l) });
const client = new pg.Client({ connectionString: server.url });
await client.connect();
const { rows } = await client.query(
  "select pg_postmaster_start_time() as started, (select setting::int * 8 / 1024 from pg_settings where name = 'shared_buffers') as \"sharedBuffersMb\"",
);
await client.end();
process.stdout.write(`${JSON.stringify({ owned: server.owned, started: rows[0].started, sharedBuffersMb: rows[0].sharedBuffersMb, log: lines })}\n`);
if (hold !== "--hold") {
  await server.stop();
  process.exit(0);
}
