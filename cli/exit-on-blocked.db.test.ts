// `dealport push`, `pull` and `import` end within seconds, non-zero and with the reason,
// when their run cannot make progress (issue 16): here, a credential saved under another
// DEALPORT_SECRET_KEY than the one the CLI runs with.
import { randomBytes } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { saveCredential } from "@/lib/credentials/save-credential";
import { saveSource } from "@/lib/sources/save-source";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { createChartMogulDestination, ensureTestSecretKey, seedDeals } from "@/lib/test/push-fixtures";
import { runCli } from "@/lib/test/run-cli";

const db = connectTestDatabase();
beforeEach(async () => {
  await truncateAll();
  ensureTestSecretKey();
});
afterAll(disconnectDb);

const OTHER_KEY = randomBytes(32).toString("base64");

/** The CLI with another secret key; one that waits forever is killed after 80 s (and fails the test). */
const dealport = (args: string[]) => runCli(args, { env: { DEALPORT_SECRET_KEY: OTHER_KEY }, timeoutMs: 80_000 });

describe("the CLI never waits on a run that cannot progress", () => {
  it("push exits 1 with the blocked run's reason; `runs <id>` shows it at the top", async () => {
    const destination = await createChartMogulDestination({ apiKey: "cm-key", baseUrl: "http://127.0.0.1:9" });
    await seedDeals({ count: 2, stage: "Proposal" });
    const push = await dealport(["push", "--destination", destination.name, "--stage", "Proposal"]);
    expect(push.code).toBe(1);
    expect(push.stderr).toMatch(/error: Run \w+ is blocked: Credential "cm-\w+" cannot be decrypted: .*DEALPORT_SECRET_KEY_PREVIOUS/);
    // Blocked at the first item, before any attempt (so no backoff was waited out).
    const run = await db.syncRun.findFirstOrThrow();
    expect(run.status).toBe("blocked");
    expect(await db.syncItem.findMany({ where: { runId: run.id }, select: { state: true, attempt: true } })).toEqual([
      { state: "pending", attempt: 0 },
      { state: "pending", attempt: 0 },
    ]);
    const shown = await dealport(["runs", run.id]);
    expect(shown.code).toBe(0);
    expect(shown.stdout.split("\n")[1]).toMatch(/^ {2}Blocked: Credential "cm-\w+" cannot be decrypted/);
  }, 180_000);

  it("import exits 1 with the reason", async () => {
    const { credential } = await saveCredential({ kind: "s3", name: "drop-key", secret: { accessKeyId: "AKIATEST0000000001", secretAccessKey: "secret-000000000000000000000001" } }, null);
    await db.source.create({ data: { name: "Drop", kind: "s3_flatfile", format: "jointflows", credentialId: credential.id, config: { location: { bucket: "drops", prefix: "in/", endpoint: "http://127.0.0.1:9" } } } });
    const result = await dealport(["import", "Drop"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: Credential "drop-key" cannot be decrypted/);
  }, 120_000);

  it("pull exits 1 with the reason", async () => {
    const { credential } = await saveCredential({ kind: "exact_sales", name: "exact-token", secret: { token: "exact-token-0000000001" } }, null);
    await saveSource({ kind: "exact_sales", name: "Exact", credentialId: credential.id, config: { baseUrl: "http://127.0.0.1:9" } }, null);
    const result = await dealport(["pull", "Exact"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: Credential "exact-token" cannot be decrypted/);
  }, 120_000);
});
