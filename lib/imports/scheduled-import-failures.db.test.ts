// A scheduled import that cannot open its source records one failed run per due time,
// with the reason, and the source shows as needing attention (issue 16).
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { saveCredential } from "@/lib/credentials/save-credential";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { ensureTestSecretKey } from "@/lib/test/push-fixtures";
import { startDueImports } from "./import-scheduler";
import { startImport } from "./start-import";
import { createFolderSource, writeDrop } from "./test/folder-drop";
import { listSourcesNeedingAttention } from "./list-sources-needing-attention";

const db = connectTestDatabase();
beforeEach(async () => {
  await truncateAll();
  ensureTestSecretKey();
});
afterEach(() => vi.unstubAllEnvs());
afterAll(disconnectDb);

const MINUTE = 60_000;

async function settled(runIds: string[]) {
  for (let i = 0; i < 600; i++) {
    const runs = await db.importRun.findMany({ where: { id: { in: runIds } } });
    if (runs.every((r) => r.status !== "running")) return runs;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the scheduled run never finished");
}

describe("scheduled imports that cannot start", () => {
  it("an S3 source whose credential can't be decrypted: one failed run per due time, and the source needs attention", async () => {
    const { credential } = await saveCredential({ kind: "s3", name: "old-key-s3", secret: { accessKeyId: "AKIATEST0000000001", secretAccessKey: "secret-000000000000000000000001" } }, null);
    const source = await db.source.create({
      data: { name: "Nightly drop", kind: "s3_flatfile", format: "jointflows", credentialId: credential.id, scheduleMinutes: 5, config: { location: { bucket: "drops", prefix: "in/", endpoint: "http://127.0.0.1:9" } } },
    });
    vi.stubEnv("DEALPORT_SECRET_KEY", randomBytes(32).toString("base64"));

    const t0 = new Date();
    const first = await startDueImports(t0);
    expect(first).toHaveLength(1);
    const [run] = await settled(first);
    expect(run).toMatchObject({ status: "failed", trigger: "schedule" });
    expect(run.error).toMatch(/Credential "old-key-s3" cannot be decrypted: .*DEALPORT_SECRET_KEY_PREVIOUS/);

    // The next ticks inside the interval start nothing; the next due time records one more.
    expect(await startDueImports(new Date(t0.getTime() + MINUTE))).toEqual([]);
    expect(await startDueImports(new Date(t0.getTime() + 4 * MINUTE))).toEqual([]);
    await settled(await startDueImports(new Date(t0.getTime() + 5 * MINUTE + 1000)));
    expect(await db.importRun.count({ where: { sourceId: source.id, status: "failed" } })).toBe(2);

    const attention = await listSourcesNeedingAttention();
    expect(attention.get(source.id)?.error).toMatch(/cannot be decrypted/);
  });

  it("a start that fails before any run exists (a kind this version does not know) is still recorded once per due time, not retried every tick", async () => {
    const source = await db.source.create({ data: { name: "Broken", kind: "retired_kind", config: {}, scheduleMinutes: 10 } });
    const t0 = new Date();
    const lines: string[] = [];
    expect(await startDueImports(t0, (line) => lines.push(line))).toHaveLength(1);
    expect(await startDueImports(new Date(t0.getTime() + MINUTE))).toEqual([]);
    const runs = await db.importRun.findMany({ where: { sourceId: source.id } });
    expect(runs).toMatchObject([{ status: "failed", trigger: "schedule", error: 'Source "Broken" is a retired_kind source, a kind this version of Dealport does not know' }]);
    expect(lines[0]).toMatch(/could not start .*a kind this version of Dealport does not know/);
    expect((await listSourcesNeedingAttention()).has(source.id)).toBe(true);
  });
});

describe("scheduled imports across processes", () => {
  it("a scheduler that found a source due after another process's run finished starts nothing", async () => {
    const folder = await createFolderSource("Shared drop");
    try {
      writeDrop(folder.dir, { deals: [{ id: "D1", account: "A1" }], accounts: [{ id: "A1", name: "Acme" }] });
      await db.source.update({ where: { id: folder.source.id }, data: { scheduleMinutes: 30 } });
      const dueSince = new Date(Date.now() - 30 * MINUTE);
      // Process A: due, started and finished.
      const [first] = await startDueImports();
      await settled([first]);
      // Process B read the source as due before A's run existed and only now gets the lock.
      await expect(startImport({ source: folder.source.id, trigger: "schedule", actor: null, skipIfStartedSince: dueSince })).rejects.toMatchObject({ code: "conflict" });
      expect(await db.importRun.count({ where: { sourceId: folder.source.id } })).toBe(1);
    } finally {
      folder.cleanup();
    }
  });

  it("a run left marked running by a dead process is taken over at the next tick, inside its interval", async () => {
    const folder = await createFolderSource("Orphaned drop");
    try {
      writeDrop(folder.dir, { deals: [{ id: "D1", account: "A1" }], accounts: [{ id: "A1", name: "Acme" }] });
      await db.source.update({ where: { id: folder.source.id }, data: { scheduleMinutes: 30 } });
      // Its process was killed: the run is still marked running, but nobody holds the source's lock.
      const orphan = await db.importRun.create({ data: { sourceId: folder.source.id, status: "running", trigger: "schedule" } });
      const started = await startDueImports(new Date(Date.now() + MINUTE));
      expect(started).toHaveLength(1);
      await settled(started);
      expect(await db.importRun.findUniqueOrThrow({ where: { id: orphan.id } })).toMatchObject({ status: "failed", error: expect.stringMatching(/^Interrupted/) });
      expect(await db.importRun.findUniqueOrThrow({ where: { id: started[0] } })).toMatchObject({ status: "succeeded" });
      // Done for this interval now.
      expect(await startDueImports(new Date(Date.now() + 2 * MINUTE))).toEqual([]);
    } finally {
      folder.cleanup();
    }
  });
});
