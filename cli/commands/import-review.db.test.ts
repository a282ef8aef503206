// `dealport imports --held` and `dealport imports rollback <run-id> [--dry-run]` end to end through the real CLI.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { startImport } from "@/lib/imports/start-import";
import { createFolderSource, writeDrop } from "@/lib/imports/test/folder-drop";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { runCli } from "@/lib/test/run-cli";

const db = connectTestDatabase();
let folder: Awaited<ReturnType<typeof createFolderSource>>;
beforeEach(async () => {
  await truncateAll();
  folder = await createFolderSource("CLI drop");
});
afterEach(() => folder.cleanup());
afterAll(disconnectDb);

const dealport = (args: string[]) => runCli(args);

const deals = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `D${i + 1}`, account: "A1", accountName: "Acme" }));
async function importDeals(n: number) {
  writeDrop(folder.dir, { deals: deals(n) });
  return (await startImport({ source: folder.source.id, trigger: "cli", actor: null, force: true })).done;
}

describe("dealport imports: review and rollback", () => {
  it("lists held runs, discards one, and rolls back an applied run after a dry run", async () => {
    const first = await importDeals(10);
    const held = await importDeals(4);
    expect(held.status).toBe("held");

    const list = await dealport(["imports", "--held", "--json"]);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).runs.map((r: { id: string }) => r.id)).toEqual([held.runId]);

    const discard = await dealport(["imports", "discard", held.runId, "--comment", "partial export"]);
    expect(discard.code).toBe(0);
    expect(discard.stdout).toContain("nothing was applied");

    const dry = await dealport(["imports", "rollback", first.runId, "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Dry run: .*\n  run #1: 0 deals back, 0 changed back, 10 removed/);
    expect(await db.deal.count({ where: { removedAt: null } })).toBe(10);

    const done = await dealport(["imports", "rollback", first.runId, "--json"]);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout).runs[0]).toMatchObject({ run: { number: 1 }, counts: { removed: 10 } });
    expect(await db.deal.count({ where: { removedAt: null } })).toBe(0);

    const again = await dealport(["imports", "rollback", first.runId]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/Run #1 has already been rolled back by run #\d+/);
  }, 90_000);
});
