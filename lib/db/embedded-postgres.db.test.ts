import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { embeddedSharedBuffersMb, stopEmbeddedPostgres } from "./embedded-postgres";

// A cluster of its own (own folder, own port), driven from separate processes the
// way the app, the CLI and a worker would.
const PORT = 26_000 + Math.floor(Math.random() * 1000);
let dataRoot = "";

type Child = { owned: boolean; started: string; sharedBuffersMb: number; log: string[] };

function startChild(hold = false) {
  const child = spawn("npx", ["tsx", "lib/test/start-embedded.ts", dataRoot, String(PORT), ...(hold ? ["--hold"] : [])], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const result = new Promise<Child>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (c) => {
      out += c;
      // A holding child answers once started; the others once they have exited (stopped what they own).
      if (hold && out.includes("\n")) resolve(JSON.parse(out.split("\n")[0]));
    });
    child.on("exit", (code) => (code ? reject(new Error(`child exited with ${code}`)) : resolve(JSON.parse(out.split("\n")[0]))));
  });
  return { child, result };
}

afterAll(async () => {
  if (!dataRoot) return;
  await stopEmbeddedPostgres(dataRoot);
  await rm(dataRoot, { recursive: true, force: true });
});

describe("embedded PostgreSQL shared by several processes", () => {
  it("gets a quarter of the machine's memory for its buffer cache, from 128 MB to 1 GB", () => {
    const gb = 2 ** 30;
    expect([0.25, 1, 2, 4, 6, 64].map((memory) => embeddedSharedBuffersMb(memory * gb))).toEqual([128, 256, 512, 1024, 1024, 1024]);
  });

  it("three processes starting at once: one initdb, one server, everyone connected", async () => {
    dataRoot = await mkdtemp(path.join(tmpdir(), "dealport-embedded-"));
    await chmod(dataRoot, 0o755); // the postgres user must reach the cluster inside
    const holders = [startChild(true), startChild(true), startChild(true)];
    const results = await Promise.all(holders.map((h) => h.result));
    expect(results.filter((r) => r.owned)).toHaveLength(1);
    expect(new Set(results.map((r) => r.started)).size).toBe(1);
    expect(results.flatMap((r) => r.log).filter((l) => l.startsWith("Creating"))).toHaveLength(1);
    expect(results[0].sharedBuffersMb).toBe(embeddedSharedBuffersMb());

    // The owner is killed hard (no cleanup): the server keeps running and is reused.
    const owner = holders[results.findIndex((r) => r.owned)];
    owner.child.kill("SIGKILL");
    for (const h of holders) h.child.kill("SIGKILL");
    const after = await startChild().result;
    expect(after).toMatchObject({ owned: false, started: results[0].started });
  }, 120_000);

  it("takes over a lock left by a dead process and restarts a stopped server on the same cluster", async () => {
    await stopEmbeddedPostgres(dataRoot); // the survivor of the previous test
    await writeFile(path.join(dataRoot, "postgres.lock"), "999999"); // no such pid
    const restarted = await startChild().result;
    expect(restarted.owned).toBe(true);
    expect(restarted.log.some((l) => l.startsWith("Creating"))).toBe(false); // no second initdb
    expect(existsSync(path.join(dataRoot, "postgres.lock"))).toBe(false);
  }, 120_000);
});
