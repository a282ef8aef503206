// The only module that reads or writes process.env (eslint's no-restricted-properties
// enforces it): every variable the app, the CLI and the demo understand is declared
// and validated here with zod. The server checks them at start-up
// (lib/server/prepare-server.ts), the CLI before any command (cli/main.ts).
import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const postgresUrl = z
  .string()
  .trim()
  .refine((v) => /^postgres(ql)?:\/\/[^/]+/.test(v), {
    message: "must be a postgresql:// URL, e.g. postgresql://user:pass@host:5432/dealport",
  });

const envSchema = z.object({
  DATABASE_URL: postgresUrl.optional(),
  DEALPORT_DATA_DIR: z.string().optional(),
  DEALPORT_EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).optional(),
  // Raw text only: lib/secrets/master-key.ts parses and explains a malformed key, so a
  // bad key fails the code that needs it (credentials), not every database call.
  DEALPORT_SECRET_KEY: z.string().optional(),
  // Comma-separated older keys, kept only to decrypt blobs until `rotate-key` has run.
  DEALPORT_SECRET_KEY_PREVIOUS: z.string().optional(),
  DEALPORT_DEMO: z.enum(["0", "1"]).optional(),
  // Set by the process that resolved the database (lib/db/database-url.ts) for its
  // children, so /api/v1/health can say which one the app runs on.
  DEALPORT_DB_KIND: z.enum(["embedded", "external"]).optional(),
  // Gzipped import files: the most they may inflate to (MB) and the highest inflated ÷ compressed ratio.
  DEALPORT_IMPORT_MAX_DECOMPRESSED_MB: z.coerce.number().int().min(1).max(1024 * 1024).optional(),
  DEALPORT_IMPORT_MAX_COMPRESSION_RATIO: z.coerce.number().min(2).max(100_000).optional(),
  // Folders file:// sources may read, separated by the OS path delimiter (":"); see importRoots().
  DEALPORT_IMPORT_ROOTS: z
    .string()
    .optional()
    .refine((v) => v === undefined || splitRoots(v).every((p) => path.isAbsolute(p)), { message: "must be absolute folder paths separated by \":\"" }),
  // How many reverse proxies in front of the app append to X-Forwarded-For. 0 (default):
  // the header is ignored and the client is the socket's peer (lib/net/client-ip.ts).
  DEALPORT_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).optional(),
  // work_mem (MB) of the sessions that import, approve and roll back (default 128; lib/db/connect-pg.ts).
  DEALPORT_IMPORT_WORK_MEM_MB: z.coerce.number().int().min(1).max(65536).optional(),
  // The staging space all held import runs may use together (default 1024; lib/imports/held-staging-space.ts).
  DEALPORT_HELD_STAGING_MB: z.coerce.number().int().min(1).optional(),
  NEXTAUTH_SECRET: z.string().optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
});

type EnvName = keyof typeof envSchema.shape;

export type Env = z.infer<typeof envSchema>;

function splitRoots(value: string): string[] {
  return value
    .split(path.delimiter)
    .map((p) => p.trim())
    .filter(Boolean);
}

export class ConfigError extends Error {}

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // Empty strings mean "unset" (as in a blank line of .env.local).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new ConfigError(`Invalid environment: ${issues}`);
  }
  return parsed.data;
}

let checkedDatabaseUrl: { raw: string | undefined; url: string | undefined } | undefined;

/**
 * DATABASE_URL as readEnv() gives it (required), the environment checked again only when the
 * variable changes: getDb() asks on every query, and a full check each time took ~5% of a push
 * worker's CPU.
 */
export function readDatabaseUrl(): string {
  const raw = process.env.DATABASE_URL;
  if (!checkedDatabaseUrl || checkedDatabaseUrl.raw !== raw) checkedDatabaseUrl = { raw, url: readEnv().DATABASE_URL };
  if (!checkedDatabaseUrl.url) throw new Error("DATABASE_URL is not set: call resolveDatabase() at start-up");
  return checkedDatabaseUrl.url;
}

/**
 * Sets variables for this process and every process it starts (the demo's .env.local,
 * the database a parent resolved). Values already set win unless `override`.
 */
export function exportEnv(values: Partial<Record<EnvName, string>>, { override = false } = {}) {
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && (override || !process.env[name])) process.env[name] = value;
  }
  readEnv(); // fail here, naming the variable, rather than at its first use
}

/** Loads a dotenv file (the demo's .env.local) when it exists; variables already set win. */
export function loadEnvFile(file: string) {
  if (existsSync(file)) process.loadEnvFile(file);
  readEnv();
}

export function dataDir(env: Env = readEnv()) {
  return path.resolve(/* turbopackIgnore: true */ env.DEALPORT_DATA_DIR ?? "data");
}

/** Where prisma/migrations lives: the project root is the working directory of every entry point. */
export function migrationsDir() {
  return path.resolve(/* turbopackIgnore: true */ "prisma/migrations");
}

/**
 * The folders file:// sources are confined to. Unset: none (no folder source can be read),
 * except in the demo, whose sample files are the sandbox's seed data.
 */
export function importRoots(env: Env = readEnv()): string[] {
  if (env.DEALPORT_IMPORT_ROOTS !== undefined) return splitRoots(env.DEALPORT_IMPORT_ROOTS).map((p) => path.resolve(p));
  return env.DEALPORT_DEMO === "1" ? [path.resolve(/* turbopackIgnore: true */ "sandbox/seed-data")] : [];
}
