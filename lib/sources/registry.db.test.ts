// Every registered source kind goes through the one path: saved by saveSource, listed by
// listSources (with its own label and location), shown in its edit form and saved again from
// those values unchanged, and tested by testSourceConnection against the sandbox fakes.
// A kind added to the registry without an entry here fails the first test.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { saveCredential } from "@/lib/credentials/save-credential";
import { exportEnv } from "@/lib/env";
import { writeDrop } from "@/lib/imports/test/folder-drop";
import { nestFields } from "@/lib/input/nest-fields";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { ensureTestSecretKey } from "@/lib/test/push-fixtures";
import { startExactSalesServer, type ExactSalesServer } from "@/sandbox/exact-sales";
import { startS3Server, type S3Server } from "@/sandbox/s3";
import { listSources } from "./list-sources";
import { SOURCE_KIND_NAMES, sourceFormValues, type SourceKind } from "./registry";
import { saveSource, type SaveSourceInput } from "./save-source";
import { testSourceConnection } from "./test-source-connection";

const KEYS = { accessKeyId: "AKIAREGISTRYTEST0001", secretAccessKey: "registry-test-secret-00000000000000001" };
const DEALS_CSV = "name,deal_unique_id,account_unique_id\nA,D1,A1\n";

const db = connectTestDatabase();
let s3: S3Server;
let exact: ExactSalesServer;
let folder: string;

beforeAll(async () => {
  ensureTestSecretKey();
  [s3, exact] = await Promise.all([startS3Server({ credentials: [KEYS], buckets: { drops: { "in/deals.csv": DEALS_CSV } } }), startExactSalesServer({ leadCount: 10, rateLimit: null })]);
  folder = mkdtempSync(path.join(os.tmpdir(), "dealport-registry-"));
  writeDrop(folder, { deals: [{ id: "D1", account: "A1" }], accounts: [{ id: "A1", name: "Acme" }] });
  exportEnv({ DEALPORT_IMPORT_ROOTS: os.tmpdir() }, { override: true });
});
afterAll(async () => {
  await Promise.all([s3.stop(), exact.stop()]);
  rmSync(folder, { recursive: true, force: true });
  await disconnectDb();
});
beforeEach(truncateAll);

/** Per kind: the settings to save, what its list entry shows, and what its connection test says. */
const KINDS: Record<SourceKind, { input: () => Promise<SaveSourceInput>; location: () => string; tested: RegExp }> = {
  s3_flatfile: {
    input: async () => {
      const { credential } = await saveCredential({ kind: "s3", name: "drop key", endpoint: s3.endpoint, secret: KEYS }, null);
      return { kind: "s3_flatfile", format: "jointflows", credentialId: credential.id, location: { bucket: "drops", prefix: "in", endpoint: s3.endpoint } };
    },
    location: () => "s3://drops/in/",
    tested: /^Connected to s3:\/\/drops\/in\/: 1 file to import$/,
  },
  file_folder: {
    input: async () => ({ kind: "file_folder", format: "jointflows", parse: { dateOrder: "day-first" }, location: { path: folder } }),
    location: () => `file://${folder}`,
    tested: /^Connected to file:\/\/.*: 3 files to import$/,
  },
  exact_sales: {
    input: async () => {
      const { credential } = await saveCredential({ kind: "exact_sales", name: "exact token", endpoint: exact.baseUrl, secret: { token: exact.token } }, null);
      return { kind: "exact_sales", credentialId: credential.id, config: { baseUrl: exact.baseUrl, mode: "incremental", currency: "BRL" }, savepoint: "2024-05-01" };
    },
    location: () => exact.baseUrl,
    tested: /^Connected to Exact Sales at http:\/\/127\.0\.0\.1:\d+\/v3: the token was accepted \(\d+ funnels\)$/,
  },
};

describe("the source registry", () => {
  it("has a round-trip case for every registered kind", () => {
    expect(Object.keys(KINDS).sort()).toEqual([...SOURCE_KIND_NAMES].sort());
  });

  for (const kind of SOURCE_KIND_NAMES) {
    it(`${kind}: saved, listed, edited from its form values and tested through the one path`, async () => {
      const { source, created } = await saveSource({ name: `A ${kind} source`, scheduleMinutes: "60", ...(await KINDS[kind].input()) }, null);
      expect(created).toBe(true);

      const [listed] = await listSources();
      expect(listed).toMatchObject({ id: source.id, kind, scheduleMinutes: 60, location: KINDS[kind].location() });
      expect(listed.kindLabel).not.toBe(kind);
      const stored = await db.source.findUniqueOrThrow({ where: { id: source.id } });

      // What the edit form posts back (its values, untouched) saves the same settings.
      const { created: again } = await saveSource({ id: source.id, name: listed.name, kind, scheduleMinutes: "60", ...nestFields(Object.entries(sourceFormValues(listed))) }, null);
      expect(again).toBe(false);
      expect(await db.source.findUniqueOrThrow({ where: { id: source.id } })).toMatchObject({ kind, format: stored.format, config: stored.config, credentialId: stored.credentialId, savepoint: stored.savepoint });

      const result = await testSourceConnection(source.id, null);
      expect(result.message).toMatch(KINDS[kind].tested);
      expect(result.ok).toBe(true);
      expect(await db.auditEvent.count({ where: { action: "source.test", targetId: source.id } })).toBe(1);
    });
  }

  it("refuses a credential of a kind the source's form does not take, naming the field", async () => {
    const { credential } = await saveCredential({ kind: "exact_sales", name: "exact token", endpoint: exact.baseUrl, secret: { token: exact.token } }, null);
    await expect(saveSource({ kind: "s3_flatfile", name: "Wrong key", format: "jointflows", credentialId: credential.id, location: { bucket: "drops" } }, null)).rejects.toMatchObject({
      details: { credentialId: "must be: S3 access key pair or Google Cloud Storage HMAC key (Dreamdata)" },
    });
  });

  it("reports the common fields' and the kind's errors together, and refuses an unknown kind", async () => {
    await expect(saveSource({ kind: "exact_sales", name: "", config: { mode: "sometimes" } }, null)).rejects.toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ path: ["name"] }), expect.objectContaining({ path: ["credentialId"] }), expect.objectContaining({ path: ["config", "mode"] })]),
    });
    await expect(saveSource({ kind: "ftp", name: "Old" }, null)).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["kind"] })] });
  });
});
