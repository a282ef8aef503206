// Creates a throwaway database for the `db` test project: on TEST_DATABASE_URL's
// server when set (CI points it at the machine's PostgreSQL), else on the
// embedded PostgreSQL. Migrations are applied with the same code as production.
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { createDatabaseIfMissing, ensureEmbeddedPostgres } from "./lib/db/embedded-postgres";
import { migrate } from "./lib/db/migrations";

export default async function setup(project: TestProject) {
  const name = `dealport_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const external = process.env.TEST_DATABASE_URL;
  let adminUrl: string;
  let stopServer = async () => {};
  if (external) {
    adminUrl = external;
  } else {
    const server = await ensureEmbeddedPostgres({ dataRoot: path.resolve("data"), database: "postgres" });
    adminUrl = server.url;
    stopServer = server.stop;
  }
  await createDatabaseIfMissing(adminUrl, name);
  const url = withDatabase(adminUrl, name);
  await migrate(url);
  project.provide("databaseUrl", url);
  process.env.DATABASE_URL = url;

  return async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
    await client.end();
    await stopServer();
  };
}

function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
