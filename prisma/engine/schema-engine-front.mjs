#!/usr/bin/env node
// Stands in for Prisma's native schema-engine binary (which these machines cannot
// download): Prisma's CLI finds it through PRISMA_SCHEMA_ENGINE_BINARY (set in
// prisma.config.ts) and talks JSON-RPC 2.0 over stdio, one JSON object per line.
// Every method is delegated to the wasm engine bound to PostgreSQL.
import { readFileSync } from "node:fs";
import readline from "node:readline";
import pg from "pg";
import { engineVersion, openSchemaEngine } from "./schema-engine.mjs";

const args = process.argv.slice(2);
const flag = (name) => {
  const values = [];
  args.forEach((a, i) => a === name && args[i + 1] !== undefined && values.push(args[i + 1]));
  return values;
};

function datasourceUrl() {
  const raw = flag("--datasource")[0];
  const url = raw ? JSON.parse(raw).url : process.env.DATABASE_URL;
  if (!url) throw new Error("No datasource URL: set DATABASE_URL");
  return url;
}

async function cliCommand(command) {
  const url = datasourceUrl();
  if (command === "can-connect-to-database") {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.end();
    return;
  }
  if (command === "create-database") {
    const target = new URL(url);
    const database = decodeURIComponent(target.pathname.slice(1));
    target.pathname = "/postgres";
    const client = new pg.Client({ connectionString: target.toString() });
    await client.connect();
    try {
      const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database]);
      if (!rowCount) await client.query(`create database ${client.escapeIdentifier(database)}`);
    } finally {
      await client.end();
    }
    return;
  }
  throw new Error(`Unsupported cli command: ${command}`);
}

function reply(message) {
  process.stdout.write(JSON.stringify({ jsonrpc: "2.0", ...message }) + "\n");
}

async function serve() {
  const datamodels = flag("--datamodels").map((p) => [p, readFileSync(p, "utf8")]);
  let enginePromise;
  const engine = () => {
    enginePromise ??= openSchemaEngine({
      url: datasourceUrl(),
      datamodels,
      log: (line) => process.stderr.write(`${line}\n`),
    }).then((e) => e.engine);
    return enginePromise;
  };
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const request = JSON.parse(line);
    try {
      const params = Array.isArray(request.params) ? request.params[0] : request.params;
      const result =
        request.method === "version" ? await engineVersion() : await (await engine())[request.method](params ?? {});
      reply({ id: request.id, result: result ?? null });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      reply({ id: request.id, error: { code: 4466, message, data: { message, is_panic: false } } });
    }
  }
}

try {
  if (args.includes("--version") || args.includes("-V")) {
    console.log(`schema-engine-cli ${await engineVersion()}`);
  } else if (args.includes("cli")) {
    // Flags come first: `--datasource {…} cli can-connect-to-database`.
    await cliCommand(args[args.indexOf("cli") + 1]);
  } else {
    await serve();
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
