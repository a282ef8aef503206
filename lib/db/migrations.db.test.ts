import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { createDatabaseIfMissing } from "./embedded-postgres";
import { createMigration, getMigrationStatus, migrate } from "./migrations";

// A separate scratch database on the test server, so this file can migrate freely.
const base = new URL(inject("databaseUrl"));
const scratchName = `${base.pathname.slice(1)}_migrations`;
const scratch = new URL(base);
scratch.pathname = `/${scratchName}`;
const adminUrl = new URL(base);
adminUrl.pathname = "/postgres";

afterAll(async () => {
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  await client.connect();
  await client.query(`drop database if exists "${scratchName}" with (force)`);
  await client.end();
});

describe("offline migrations", () => {
  it("applies the project's migrations, reports status, then authors and applies a column added to a table holding data", async () => {
    await createDatabaseIfMissing(adminUrl.toString(), scratchName);
    const url = scratch.toString();
    const dir = await mkdtemp(path.join(tmpdir(), "dealport-migrations-"));
    await cp(path.resolve("prisma/migrations"), dir, { recursive: true });

    expect((await getMigrationStatus(url, dir)).upToDate).toBe(false);
    const applied = await migrate(url, dir);
    expect(applied.length).toBeGreaterThan(0);
    expect(await getMigrationStatus(url, dir)).toMatchObject({ upToDate: true, pending: [] });
    expect(await migrate(url, dir)).toEqual([]); // idempotent

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`insert into "User" (id, email, "passwordHash", role, "updatedAt") values ('u1', 'kept@example.com', 'x', 'viewer', now())`);

    const schemaFile = path.join(dir, "schema.prisma");
    const schema = await readFile(path.resolve("prisma/schema.prisma"), "utf8");
    await writeFile(schemaFile, schema.replace("  disabled     Boolean   @default(false)", "  disabled     Boolean   @default(false)\n  timezone     String    @default(\"UTC\")"));
    const created = await createMigration({ url, name: "add user timezone", schemaFile, dir, now: new Date("2099-01-01T00:00:00Z") });
    expect(created?.folder).toMatch(/20990101000000_add_user_timezone$/);
    expect(created?.sql).toContain(`ALTER TABLE "User" ADD COLUMN     "timezone" TEXT NOT NULL DEFAULT 'UTC'`);

    expect((await getMigrationStatus(url, dir)).pending).toEqual(["20990101000000_add_user_timezone"]);
    expect(await migrate(url, dir)).toEqual(["20990101000000_add_user_timezone"]);
    const { rows } = await client.query(`select email, timezone from "User"`);
    expect(rows).toEqual([{ email: "kept@example.com", timezone: "UTC" }]);
    await client.end();

    // Nothing changed since: no empty migration is written.
    expect(await createMigration({ url, name: "nothing", schemaFile, dir })).toBeNull();
    // Two schema diffs in the WebAssembly engine: about 20 s on two cores, near the default 30 s once the machine is busy.
  }, 90_000);

  it("the committed migrations match prisma/schema.prisma (no migration forgotten)", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dealport-drift-"));
    await cp(path.resolve("prisma/migrations"), dir, { recursive: true });
    expect(await createMigration({ url: inject("databaseUrl"), name: "drift", dir })).toBeNull();
  });
});
