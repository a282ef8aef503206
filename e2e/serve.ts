// Playwright's web server: a throwaway database (on TEST_DATABASE_URL's server or
// the embedded PostgreSQL), migrated and seeded with one user per role, then
// `next start` on E2E_PORT. The database is dropped when the server stops.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import path from "node:path";
import pg from "pg";
import { disconnectDb } from "@/lib/db/client";
import { createDatabaseIfMissing, ensureEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrations";
import { createUser } from "@/lib/users/create-user";
import { seedBrowseDeals } from "./seed-deals";
import { seedImportJourney } from "./seed-imports";
import { seedLinkingJourney } from "./seed-linking";
import { seedPushJourney } from "./seed-push";
import { seedReviewJourney } from "./seed-review";
import { seedTimelineJourney } from "./seed-timeline";
import { E2E_USERS, e2eServerLogPath, type E2ERole } from "./users";

const port = process.env.E2E_PORT ?? "3100";
const name = `dealport_e2e_${Date.now()}_${randomBytes(3).toString("hex")}`;
const server = process.env.TEST_DATABASE_URL
  ? { url: process.env.TEST_DATABASE_URL, stop: async () => {} }
  : await ensureEmbeddedPostgres({ dataRoot: path.resolve("data"), database: "postgres" });
const adminUrl = server.url;
await createDatabaseIfMissing(adminUrl, name);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
await migrate(process.env.DATABASE_URL);
for (const role of Object.keys(E2E_USERS) as E2ERole[]) {
  await createUser({ ...E2E_USERS[role], role }, null);
}
await seedBrowseDeals();
// The credential is encrypted with the key the app gets below.
process.env.DEALPORT_SECRET_KEY ??= randomBytes(32).toString("base64");
const chartMogul = await seedPushJourney();
const importS3 = await seedImportJourney();
await seedReviewJourney();
await seedLinkingJourney();
await seedTimelineJourney(chartMogul);
await disconnectDb();

const next = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], {
  stdio: ["ignore", "pipe", "pipe"],
  env: {
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    DEALPORT_SECRET_KEY: process.env.DEALPORT_SECRET_KEY ?? randomBytes(32).toString("base64"),
  },
});

// The server's output also goes to a file, so the secrets-leak test can read the logs.
const log = createWriteStream(e2eServerLogPath(port), { flags: "w" });
next.stdout.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  log.write(chunk);
});
next.stderr.on("data", (chunk: Buffer) => {
  process.stderr.write(chunk);
  log.write(chunk);
});

let stopping = false;
async function shutdown() {
  // The signal reaches the whole process group, tsx relays it too: stop once.
  if (stopping) return;
  stopping = true;
  next.kill("SIGTERM");
  await chartMogul.stop();
  await importS3.stop();
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
  await client.end();
  await server.stop();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
next.on("exit", (code) => {
  if (code) process.exit(code);
});
