import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { createChartMogulDestination } from "@/lib/test/push-fixtures";
import { runCli } from "@/lib/test/run-cli";
import { startChartMogulServer } from "@/sandbox/chartmogul";

const db = connectTestDatabase();
beforeEach(truncateAll);
afterEach(() => vi.unstubAllEnvs());
afterAll(disconnectDb);

const dealport = (args: string[]) => runCli(args);

describe("dealport CLI", () => {
  it("user add --json generates a password when none is given and prints it once", async () => {
    const { code, stdout } = await dealport(["user", "add", "--email", "Ops@Example.com", "--role", "operator", "--json"]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.user).toMatchObject({ email: "ops@example.com", role: "operator" });
    expect(out.password).toMatch(/^[\w-]{20}$/);
    expect(await db.user.count()).toBe(1);
  }, 30_000);

  it("a duplicate e-mail exits 1 with a JSON conflict and writes nothing", async () => {
    await dealport(["user", "add", "--email", "a@example.com", "--role", "viewer", "--password", "long enough password"]);
    const { code, stdout } = await dealport(["user", "add", "--email", "a@example.com", "--role", "admin", "--password", "long enough password", "--json"]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).error).toMatchObject({ code: "conflict", message: "Another user already has this email" });
    expect(await db.user.count()).toBe(1);
  }, 30_000);

  it("an unknown role is a readable field error on stderr, exit 1", async () => {
    const { code, stderr } = await dealport(["user", "add", "--email", "b@example.com", "--role", "boss", "--password", "long enough password"]);
    expect(code).toBe(1);
    expect(stderr).toContain("role: role must be one of admin, operator, viewer");
    expect(stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  }, 30_000);

  it("migrate --status --json reports the test database up to date", async () => {
    const { code, stdout } = await dealport(["migrate", "--status", "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ upToDate: true, pending: [], failed: [] });
  }, 30_000);

  it("a malformed or unreachable DATABASE_URL is a clear error, not a stack trace", async () => {
    vi.stubEnv("DATABASE_URL", "mysql://nope");
    const malformed = await dealport(["migrate", "--status"]);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain("DATABASE_URL: must be a postgresql:// URL");
    vi.stubEnv("DATABASE_URL", "postgresql://u:p@127.0.0.1:1/x");
    const unreachable = await dealport(["migrate", "--status", "--json"]);
    expect(unreachable.code).toBe(1);
    expect(JSON.parse(unreachable.stdout).error.message).toMatch(/127\.0\.0\.1:1/);
  }, 30_000);

  it("an unknown command prints the usage and exits 2", async () => {
    const { code, stderr } = await dealport(["frobnicate"]);
    expect(code).toBe(2);
    expect(stderr).toContain("Usage: dealport <command>");
  }, 30_000);
});

describe("dealport match", () => {
  it("lists suggestions, confirms one, and unlinks it", async () => {
    const cm = await startChartMogulServer({ rateLimit: null });
    try {
      const destination = await createChartMogulDestination(cm);
      const source = await db.source.create({ data: { name: "s", kind: "s3_flatfile", config: {} } });
      await db.account.create({ data: { sourceId: source.id, externalId: "A-STARK", name: "Stark Logistics", contentHash: "x" } });
      const stark = cm.store.customers().find((c) => c.name === "Stark Logistics GmbH")!;

      const list = await dealport(["match", "list", "--destination", destination.name, "--json"]);
      expect(list.code).toBe(0);
      const report = JSON.parse(list.stdout);
      expect(report.counts).toMatchObject({ accounts: 1, unmatched: 1, linked: 0 });
      expect(report.unmatched[0].suggestions[0]).toMatchObject({ candidateId: stark.uuid, kind: "name" });

      const confirm = await dealport(["match", "confirm", "--destination", destination.id, "--account", "A-STARK", "--to", stark.uuid]);
      expect(confirm.code).toBe(0);
      expect(confirm.stdout).toContain(`Linked account`);
      expect(await db.accountLink.findMany({ select: { externalId: true, confirmedVia: true } })).toEqual([{ externalId: stark.uuid, confirmedVia: "manual" }]);

      const unlink = await dealport(["match", "unlink", "--destination", destination.id, "--account", "A-STARK", "--json"]);
      expect(unlink.code).toBe(0);
      expect(await db.accountLink.count()).toBe(0);
    } finally {
      await cm.stop();
    }
  }, 180_000);
});
