// The only place that reads process.env: validated once, typed everywhere else.
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
  // The staging space all held import runs may use together (default 1024; lib/imports/held-staging-space.ts).
  DEALPORT_HELD_STAGING_MB: z.coerce.number().int().min(1).optional(),
  NEXTAUTH_SECRET: z.string().optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type Env = z.infer<typeof envSchema>;

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

export function dataDir(env: Env = readEnv()) {
  return path.resolve(/* turbopackIgnore: true */ env.DEALPORT_DATA_DIR ?? "data");
}

/** Where prisma/migrations lives: the project root is the working directory of every entry point. */
export function migrationsDir() {
  return path.resolve(/* turbopackIgnore: true */ "prisma/migrations");
}
