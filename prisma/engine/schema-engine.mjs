// Loads Prisma's schema engine from the @prisma/schema-engine-wasm npm package and
// binds it to PostgreSQL through @prisma/adapter-pg, so migrations need no native
// engine download (see docs/decisions/database-and-migrations.md).
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);
const NO_FILTERS = { externalTables: [], externalEnums: [] };

async function loadWasmBindings() {
  const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
  const bg = await import(pathToFileURL(path.join(pkgDir, "schema_engine_bg.js")).href);
  const bytes = await readFile(path.join(pkgDir, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start?.();
  return bg;
}

let bindingsPromise;
function wasmBindings() {
  bindingsPromise ??= loadWasmBindings();
  return bindingsPromise;
}

/** The engine's own version string (used for `--version`). */
export async function engineVersion() {
  return (await wasmBindings()).version();
}

/**
 * Opens an engine for `url` with the given datamodel files ([[path, content]]).
 * `log` receives the engine's log lines. Returns { engine, close }.
 */
export async function openSchemaEngine({ url, datamodels = [], log = () => {} }) {
  const bg = await wasmBindings();
  const factory = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: url }));
  const engine = await bg.SchemaEngine.new({ datamodels }, log, factory);
  return { engine, close: () => engine.free() };
}

/** Reads prisma/migrations into the engine's MigrationList shape. */
export async function readMigrationsList(migrationsDir) {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const migrationDirectories = await Promise.all(
    dirs.map(async (name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      const content = await readFile(file, "utf8").then(
        (sql) => ({ tag: "ok", value: sql }),
        (err) => ({ tag: "error", value: String(err.message) }),
      );
      return { path: name, migrationFile: { path: "migration.sql", content } };
    }),
  );
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  const lockContent = await readFile(lockPath, "utf8").catch(() => null);
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

async function datamodelsOf(schemaPath) {
  return [[schemaPath, await readFile(schemaPath, "utf8")]];
}

/** Applies pending migrations; returns the names applied now. */
export async function applyMigrations({ url, migrationsDir, schemaPath }) {
  const { engine, close } = await openSchemaEngine({ url, datamodels: await datamodelsOf(schemaPath) });
  try {
    const migrationsList = await readMigrationsList(migrationsDir);
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return appliedMigrationNames;
  } finally {
    close();
  }
}

/**
 * Compares the migrations folder with the database: which migrations are applied,
 * pending, failed or edited.
 */
export async function migrationStatus({ url, migrationsDir, schemaPath }) {
  const { engine, close } = await openSchemaEngine({ url, datamodels: await datamodelsOf(schemaPath) });
  try {
    const migrationsList = await readMigrationsList(migrationsDir);
    const all = migrationsList.migrationDirectories.map((d) => d.path);
    const out = await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_FILTERS });
    const history = out.history;
    const pending =
      history === null ? [] : history.unappliedMigrationNames ?? [];
    return {
      total: all.length,
      pending: out.hasMigrationsTable ? pending : all,
      failed: out.failedMigrationNames,
      edited: out.editedMigrationNames,
      unknownInDatabase: history?.unpersistedMigrationNames ?? [],
      upToDate: out.hasMigrationsTable && history === null && out.failedMigrationNames.length === 0,
    };
  } finally {
    close();
  }
}

/**
 * SQL that takes a database from `fromSchema` (null = empty) to `toSchema`.
 * The database at `url` is only connected to, never changed.
 */
export async function diffSchemas({ url, fromSchema, toSchema, schemaPath = "schema.prisma" }) {
  const bg = await wasmBindings();
  // The diff itself is computed from the two datamodels, but the engine connects on start.
  const factory = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: url }));
  const engine = await bg.SchemaEngine.new({ datamodels: [[schemaPath, toSchema]] }, () => {}, factory);
  try {
    const from = fromSchema === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: schemaPath, content: fromSchema }] };
    const to = { tag: "schemaDatamodel", files: [{ path: schemaPath, content: toSchema }] };
    const result = await engine.diff({ from, to, script: true, exitCode: null, filters: NO_FILTERS });
    return result.stdout ?? "";
  } finally {
    engine.free();
  }
}
