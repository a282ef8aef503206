import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it, vi } from "vitest";

const run = promisify(execFile);
const FRONT = path.resolve("prisma/engine/schema-engine-front.mjs");

describe("schema engine front (PRISMA_SCHEMA_ENGINE_BINARY)", () => {
  it("answers --version like the native engine", async () => {
    const { stdout } = await run(FRONT, ["--version"]);
    expect(stdout).toMatch(/^schema-engine-cli [0-9a-f]{40}\n$/);
  });

  it("serves Prisma's own CLI: `prisma migrate status` talks JSON-RPC to it and reports the test database up to date", async () => {
    vi.stubEnv("DATABASE_URL", inject("databaseUrl"));
    const { stdout } = await run("npx", ["prisma", "migrate", "status"]).finally(() => vi.unstubAllEnvs());
    expect(stdout).toContain("Database schema is up to date!");
  }, 60_000);
});
