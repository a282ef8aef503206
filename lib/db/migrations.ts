// Offline migrations over the wasm schema engine (prisma/engine/schema-engine.mjs).
import "server-only";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { migrationsDir as defaultMigrationsDir } from "@/lib/env";
import { pathToFileURL } from "node:url";
import type * as SchemaEngine from "@/prisma/engine/schema-engine.mjs";

// Loaded at run time from disk, never bundled: Next.js must not try to pack the wasm engine.
function schemaEngine(): Promise<typeof SchemaEngine> {
  const file = pathToFileURL(path.resolve(/* turbopackIgnore: true */ "prisma/engine/schema-engine.mjs")).href;
  return import(/* webpackIgnore: true */ /* turbopackIgnore: true */ file);
}

// Each migration keeps the schema it was made from, so the next one is a pure
// datamodel diff (the engine cannot describe a live database through the adapter).
const SNAPSHOT = "schema.prisma";

export type MigrationStatus = Awaited<ReturnType<typeof SchemaEngine.migrationStatus>>;

const SCHEMA_FILE = "prisma/schema.prisma";

export async function migrate(url: string, dir = defaultMigrationsDir()): Promise<string[]> {
  return (await schemaEngine()).applyMigrations({ url, migrationsDir: dir, schemaPath: path.resolve(/* turbopackIgnore: true */ SCHEMA_FILE) });
}

export async function getMigrationStatus(url: string, dir = defaultMigrationsDir()): Promise<MigrationStatus> {
  return (await schemaEngine()).migrationStatus({ url, migrationsDir: dir, schemaPath: path.resolve(/* turbopackIgnore: true */ SCHEMA_FILE) });
}

async function latestSnapshot(dir: string): Promise<string | null> {
  const names = (await readdir(dir).catch(() => [])).filter((n) => /^\d{14}_/.test(n)).sort();
  const last = names.at(-1);
  return last ? readFile(path.join(dir, last, SNAPSHOT), "utf8") : null;
}

/**
 * Writes prisma/migrations/<timestamp>_<name>/migration.sql taking the schema of the
 * latest migration to `schemaFile`. Returns null when nothing changed.
 */
export async function createMigration(options: {
  url: string;
  name: string;
  schemaFile?: string;
  dir?: string;
  now?: Date;
}): Promise<{ folder: string; sql: string } | null> {
  const dir = options.dir ?? defaultMigrationsDir();
  const slug = options.name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
  if (!slug) throw new Error("A migration needs a name made of letters or digits");
  const schema = await readFile(options.schemaFile ?? path.resolve(/* turbopackIgnore: true */ SCHEMA_FILE), "utf8");
  const sql = await (await schemaEngine()).diffSchemas({ url: options.url, fromSchema: await latestSnapshot(dir), toSchema: schema });
  if (!/\b(CREATE|ALTER|DROP)\b/i.test(sql)) return null;
  const stamp = (options.now ?? new Date()).toISOString().replace(/\D/g, "").slice(0, 14);
  const folder = path.join(dir, `${stamp}_${slug}`);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, "migration.sql"), sql);
  await writeFile(path.join(folder, SNAPSHOT), schema);
  await writeFile(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
  return { folder, sql };
}
