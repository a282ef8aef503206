import { randomBytes } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseTarget } from "@/lib/db/database-url";
import { keyIdOf } from "@/lib/secrets/master-key";
import { createJointflowsDestination, seedDeals } from "@/lib/test/push-fixtures";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { createUser } from "@/lib/users/create-user";
import type { Output } from "../output";
import { COMMANDS } from "./index";

const db = connectTestDatabase();
const target = {} as DatabaseTarget;
let dir = "";
const KEY = randomBytes(32);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "dealport-cli-"));
  vi.stubEnv("DEALPORT_SECRET_KEY", KEY.toString("base64"));
});
beforeEach(truncateAll);
afterAll(async () => {
  vi.unstubAllEnvs();
  await disconnectDb();
});

/** Runs `dealport <args…> --json` in process and returns the parsed result. */
async function run(...args: string[]): Promise<Record<string, unknown>> {
  let data: unknown;
  const out: Output = { json: true, progress: () => {}, result: (_h, d) => (data = d) };
  const command = COMMANDS.find((c) => c.name === args[0]);
  if (!command) throw new Error(`no command ${args[0]}`);
  await command.run(args.slice(1), out, target);
  return JSON.parse(JSON.stringify(data, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}

describe("settings from the CLI", () => {
  it("sets a deal link rule for a source pair (one per pair, either order) and lists it; --accounts sets account rules", async () => {
    const [a, b] = await Promise.all(["Jointflows", "Dreamdata"].map((name) => db.source.create({ data: { name, kind: "s3_flatfile", config: {} } })));
    await run("link-rule", "set", "--source", b.id, "--field", "crm_id", "--other-source", a.id, "--other-field", "externalId");
    await run("link-rule", "set", "--source", a.id, "--field", "externalId", "--other-source", b.id, "--other-field", "crm_id_2");
    const listed = await run("link-rule", "list");
    expect(listed.rules).toMatchObject([{ sourceId: a.id, field: "externalId", otherSourceId: b.id, otherField: "crm_id_2" }]);
    await expect(run("link-rule", "set", "--source", a.id, "--field", "x", "--other-source", a.id, "--other-field", "y")).rejects.toThrow(/two different sources/);
    // Account rules are their own list.
    await run("link-rule", "set", "--accounts", "--source", a.id, "--field", "domain", "--other-source", b.id, "--other-field", "domain");
    expect((await run("link-rule", "list", "--accounts")).rules).toMatchObject([{ sourceId: a.id, field: "domain", otherSourceId: b.id, otherField: "domain" }]);
    expect((await run("link-rule", "list")).rules).toHaveLength(1);
  });

  it("adds, lists and deletes a credential from a secret file; output holds only last 4", async () => {
    const secretFile = path.join(dir, "cm.json");
    const apiKey = "cli-secret-api-key-000000000042";
    await writeFile(secretFile, JSON.stringify({ apiKey }));
    const added = await run("credential", "add", "--kind", "chartmogul", "--name", "CM prod", "--secret-file", secretFile);
    expect(added).toMatchObject({ created: true, credential: { name: "CM prod", kind: "chartmogul", last4: "0042" } });
    const listed = await run("credential", "list");
    expect(JSON.stringify(listed)).not.toContain(apiKey);
    expect(listed.credentials).toHaveLength(1);
    await run("credential", "delete", "CM prod");
    expect(await db.credential.count()).toBe(0);
    await expect(run("credential", "add", "--kind", "chartmogul", "--name", "x")).rejects.toThrow(/--secret-file is required/);
  });

  it("sets the base currency, adds, imports and lists rates", async () => {
    expect(await run("base-currency", "get")).toEqual({ baseCurrency: "USD" });
    await run("base-currency", "set", "eur");
    expect(await run("base-currency", "get")).toEqual({ baseCurrency: "EUR" });
    await run("rates", "add", "--currency", "USD", "--rate", "0.92", "--date", "2026-01-02");
    const csv = path.join(dir, "rates.csv");
    await writeFile(csv, "date,currency,rate\n2026-01-03,GBP,1.17\n2026-01-03,XYZ,1\n");
    const imported = await run("rates", "import", csv);
    expect(imported).toMatchObject({ imported: 1, inserted: 1 });
    expect(imported.problems).toEqual([expect.objectContaining({ line: 3, column: "currency" })]);
    const listed = await run("rates", "list");
    expect((listed.rates as { currency: string }[]).map((r) => r.currency)).toEqual(["GBP", "USD"]);
    await expect(run("base-currency", "set", "GBP")).rejects.toThrow(/exchange rates are expressed in EUR/);
  });

  it("lists users, changes a role, disables and resets a password", async () => {
    await createUser({ email: "admin@example.com", role: "admin", password: "admin password 123" }, null);
    await createUser({ email: "op@example.com", role: "operator", password: "operator password 1" }, null);
    expect(((await run("user", "list")).users as { email: string }[]).map((u) => u.email)).toEqual(["admin@example.com", "op@example.com"]);
    expect(await run("user", "role", "OP@example.com", "viewer")).toMatchObject({ role: "viewer", changed: true });
    expect(await run("user", "disable", "op@example.com")).toMatchObject({ disabled: true });
    expect((await run("user", "reset-password", "op@example.com")).password).toEqual(expect.any(String));
    await expect(run("user", "role", "admin@example.com", "viewer")).rejects.toThrow(/last enabled admin/);
  });

  it("rotate-key re-encrypts credentials under a new key", async () => {
    const secretFile = path.join(dir, "ex.json");
    await writeFile(secretFile, JSON.stringify({ token: "exact-token-for-rotation-0001" }));
    await run("credential", "add", "--kind", "exact_sales", "--name", "Exact", "--secret-file", secretFile);
    const next = randomBytes(32);
    vi.stubEnv("DEALPORT_SECRET_KEY_PREVIOUS", KEY.toString("base64"));
    vi.stubEnv("DEALPORT_SECRET_KEY", next.toString("base64"));
    const result = await run("rotate-key");
    expect(result).toMatchObject({ total: 1, rotated: 1, keyId: keyIdOf(next) });
    expect((await db.credential.findFirstOrThrow()).keyId).toBe(keyIdOf(next));
    const generated = await run("rotate-key", "--generate");
    expect(Buffer.from(generated.key as string, "base64")).toHaveLength(32);
  });

  it("source add takes every kind's settings from its flags (the kind from --kind or from the flags given) and lists them", async () => {
    const secretFile = path.join(dir, "exact-source.json");
    await writeFile(secretFile, JSON.stringify({ token: "exact-token-for-source-0001" }));
    await run("credential", "add", "--kind", "exact_sales", "--name", "Exact token", "--endpoint", "https://exact.example/v3", "--secret-file", secretFile);
    vi.stubEnv("DEALPORT_IMPORT_ROOTS", dir);

    const exact = await run("source", "add", "--name", "CRM", "--credential", "Exact token", "--base-url", "https://exact.example/v3", "--mode", "incremental", "--savepoint", "2024-05-01", "--future-days", "7", "--schedule", "60");
    expect(exact.source).toMatchObject({ kind: "exact_sales", scheduleMinutes: 60, location: "https://exact.example/v3", config: { mode: "incremental", futureWindowDays: 7 }, savepoint: "2024-05-01T00:00:00.000Z" });
    const folder = await run("source", "add", "--name", "Drop", "--format", "dreamdata", "--folder", dir, "--delimiter", "tab");
    expect(folder.source).toMatchObject({ kind: "file_folder", format: "dreamdata", location: `file://${dir}`, config: { location: { path: dir }, parse: { delimiter: "\t" } } });
    const explicit = await run("source", "add", "--kind", "exact_sales", "--name", "CRM 2", "--credential", "Exact token");
    expect(explicit.source).toMatchObject({ kind: "exact_sales", config: { mode: "full" } });

    expect(((await run("source", "list")).sources as { name: string; kind: string }[]).map((s) => [s.name, s.kind])).toEqual([["CRM", "exact_sales"], ["CRM 2", "exact_sales"], ["Drop", "file_folder"]]);
    await expect(run("source", "add", "--name", "Mixed", "--folder", dir, "--base-url", "https://exact.example/v3")).rejects.toThrow(/belong to different kinds of source: folder, base-url/);
  });

  it("source add --id changes only the settings given and keeps every other stored one", async () => {
    const secretFile = path.join(dir, "exact-edit.json");
    await writeFile(secretFile, JSON.stringify({ token: "exact-token-for-edit-0001" }));
    await run("credential", "add", "--kind", "exact_sales", "--name", "Exact edit", "--endpoint", "https://exact.example/v3", "--secret-file", secretFile);
    vi.stubEnv("DEALPORT_IMPORT_ROOTS", dir);
    const exact = (await run("source", "add", "--name", "CRM", "--credential", "Exact edit", "--base-url", "https://exact.example/v3", "--mode", "incremental", "--future-days", "7", "--schedule", "60")).source as { id: string };
    const folder = (await run("source", "add", "--name", "Drop", "--format", "dreamdata", "--folder", dir, "--delimiter", "tab")).source as { id: string };

    const edited = await run("source", "add", "--id", exact.id, "--future-days", "14");
    expect(edited).toMatchObject({ created: false, source: { id: exact.id, name: "CRM", kind: "exact_sales", scheduleMinutes: 60, location: "https://exact.example/v3", config: { mode: "incremental", futureWindowDays: 14 } } });
    expect((await db.source.findUniqueOrThrow({ where: { id: exact.id } })).credentialId).toBe((await db.credential.findUniqueOrThrow({ where: { name: "Exact edit" } })).id);
    const renamed = await run("source", "add", "--id", folder.id, "--name", "Drop 2");
    expect(renamed.source).toMatchObject({ name: "Drop 2", kind: "file_folder", format: "dreamdata", config: { location: { path: dir }, parse: { delimiter: "\t" } } });
    await expect(run("source", "add", "--id", folder.id, "--base-url", "https://exact.example/v3")).rejects.toThrow(/not settings of a file_folder source: base-url/);
  });
});

describe("push options from the CLI", () => {
  const s3 = { endpoint: "https://s3.example.test", accessKeyId: "AKIACLIOPTIONS01", secretAccessKey: "cli-options-secret", bucket: "drops" };

  it("passes --option NAME=VALUE to the destination that takes it, and refuses one it doesn't", async () => {
    const destination = await createJointflowsDestination(s3);
    await seedDeals({ count: 2, stage: "CLI options", prefix: "CLIO" });
    await run("push", "--destination", destination.name, "--stage", "CLI options", "--dry-run", "--option", "projectType=Onboarding");
    const pushed = await db.syncRun.findFirstOrThrow({ include: { items: true } });
    expect(pushed.options).toEqual({ projectType: "Onboarding" });
    expect(pushed.items.map((i) => (i.payload as { deal: { project_type: string } }).deal.project_type)).toEqual(["Onboarding", "Onboarding"]);

    await expect(run("push", "--destination", destination.name, "--stage", "CLI options", "--dry-run", "--option", "batch=7")).rejects.toThrow('Jointflows takes no push option "batch"');
    await expect(run("push", "--destination", destination.name, "--option", "projectType")).rejects.toThrow(/not of the form NAME=VALUE/);
  });
});
