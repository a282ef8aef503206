// `npm run demo`: a fresh clone to a working app, offline. Embedded PostgreSQL under
// data/, migrations applied, a demo admin (printed), the sandbox services seeded,
// then Next.js on PORT (default 3000). Ctrl-C, or SIGINT/SIGTERM to this process alone,
// stops everything. Safe to run again.
import { spawn, type SpawnOptions } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { resolveDatabase } from "@/lib/db/database-url";
import { disconnectDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrations";
import { exportEnv, loadEnvFile, readEnv } from "@/lib/env";
import { ensureDemoWorkspace } from "./demo-workspace";
import { startSandbox } from "./index";

const log = (line: string) => console.log(`[demo] ${line}`);
const port = readEnv().PORT ?? 3000;

/** .env.local with generated secrets, written once and reused (Next.js loads it too). */
function ensureEnvLocal() {
  const file = ".env.local";
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
  const names = new Set(existing.split("\n").filter((l) => l.includes("=")).map((l) => l.slice(0, l.indexOf("="))));
  const missing = ["DEALPORT_SECRET_KEY", "NEXTAUTH_SECRET"].filter((name) => !names.has(name));
  if (missing.length) {
    writeFileSync(file, existing + missing.map((name) => `${name}=${randomBytes(32).toString("base64")}\n`).join(""), { mode: 0o600 });
    log(`Wrote ${missing.join(", ")} to .env.local`);
  }
  loadEnvFile(file);
}

async function newestSourceChange(dirs: string[]): Promise<number> {
  let newest = 0;
  for (const dir of dirs) {
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])) {
      if (entry.isFile()) newest = Math.max(newest, (await stat(path.join(entry.parentPath, entry.name))).mtimeMs);
  }
}
  return newest;
}

// Everything started so far, stopped in reverse order on Ctrl-C or failure.
const cleanups: (() => Promise<void> | void)[] = [];
let stopping = false;
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  log("Stopping…");
  while (cleanups.length) {
    await Promise.resolve(cleanups.pop()!()).catch((err) => log(`cleanup failed: ${err instanceof Error ? err.message : err}`));
  }
  process.exit(code);
}
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());

/**
 * Starts a child in its own process group and registers its stop. `npx next start` is
 * npx → next → next-server: signalling npx alone leaves the server running, so the stop
 * signals the whole group and waits until every process of it is gone. That is also why a
 * SIGINT or SIGTERM sent to the demo alone (not to a terminal's group) stops everything.
 */
function spawnChild(command: string, args: string[], options: SpawnOptions = {}) {
  const child = spawn(command, args, { ...options, detached: true });
  cleanups.push(() => stopGroup(child.pid));
  return child;
}

const groupAlive = (pid: number) => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function stopGroup(pid: number | undefined) {
  if (pid === undefined || !groupAlive(pid)) return;
  process.kill(-pid, "SIGTERM");
  for (let waited = 0; groupAlive(pid); waited += 100) {
    if (waited >= 10_000) {
      log("The app did not stop within 10 s; killing it");
      process.kill(-pid, "SIGKILL");
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function run(command: string, args: string[]) {
  const child = spawnChild(command, args, { stdio: "inherit" });
  return new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
}

/** Builds the production bundle when there is none or the sources are newer. */
async function ensureBuild() {
  const buildId = ".next/BUILD_ID";
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  if (builtAt > (await newestSourceChange(["app", "components", "lib", "public"]))) return;
  log("Building the app (first run or sources changed; about a minute)…");
  if ((await run("npx", ["next", "build"])) !== 0) throw new Error("next build failed");
}

try {
  ensureEnvLocal();
  exportEnv({ DEALPORT_DEMO: "1" }, { override: true });
  exportEnv({ NEXTAUTH_URL: `http://localhost:${port}` });
  const db = await resolveDatabase(log);
  cleanups.push(() => db.embedded?.stop());
  const applied = await migrate(db.url);
  if (applied.length) log(`Applied migrations: ${applied.join(", ")}`);
  // Fixed ports so credentials saved in the demo database keep working across runs.
  const sandbox = await startSandbox({ s3Port: 9100, chartMogulPort: 9101, pipelinerPort: 9102, exactSalesPort: 9103 });
  cleanups.push(() => sandbox.stop());
  log(`Sandbox: S3 ${sandbox.s3.endpoint} (bucket ${sandbox.s3.bucket}), ChartMogul ${sandbox.chartMogul.url}, Pipeliner ${sandbox.pipeliner.url}, Exact Sales ${sandbox.exactSales.url}`);
  const login = await ensureDemoWorkspace(sandbox, log);
  await disconnectDb();
  await ensureBuild();
  startApp(login);
} catch (err) {
  console.error(`[demo] ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(1);
}

function startApp(login: { email: string; password: string }) {
  // Next.js inherits the exported environment: .env.local, DEALPORT_DEMO, NEXTAUTH_URL and the database.
  const next = spawnChild("npx", ["next", "start", "-p", String(port)], { stdio: ["ignore", "pipe", "inherit"] });
  next.stdout!.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (chunk.toString().includes("Ready")) {
      console.log(`
  Dealport demo is running at http://localhost:${port}
    sign in as  ${login.email}
    password    ${login.password}
  Press Ctrl-C to stop (the app, the sandbox and the embedded PostgreSQL).
`);
    }
  });

  next.on("exit", (code) => void shutdown(code ?? 0));
}
