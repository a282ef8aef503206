import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's CLI would download a native schema engine; point it at our wasm-backed
// front instead (see docs/decisions/database-and-migrations.md).
// No telemetry calls from these machines.
process.env.CHECKPOINT_DISABLE ??= "1";
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("prisma/engine/schema-engine-front.mjs");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
