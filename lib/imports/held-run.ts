// A held run (approve, re-diff, discard) is read again under its source's import lock, so no
// import or rollback interleaves, and approve and re-diff work on its restored staging inside
// one transaction: the wrapper below is that shared frame.
import "server-only";
import type pg from "pg";
import { connectPg } from "@/lib/db/connect-pg";
import { AppError } from "@/lib/errors";
import type { HeldMeta } from "./hold-staged-import";
import { tryLockSource, unlockSource } from "./import-lock";
import { restoreHeldStaging } from "./restore-held-staging";
import type { ImportCounts } from "./run-import";

export interface HeldRun {
  id: string;
  number: number;
  sourceId: string;
  sourceName: string;
  heldAt: Date;
  counts: ImportCounts;
}

/** The held run, or a clear refusal. */
export async function loadHeldRun(client: pg.Client, runId: string): Promise<HeldRun> {
  const result = await client.query(
    `select r.id, r.number, r.status, r."sourceId", s.name as source_name, r."heldAt", r.counts
     from "ImportRun" r join "Source" s on s.id = r."sourceId" where r.id = $1`,
    [runId],
  );
  const row = result.rows[0];
  if (!row) throw new AppError("not_found", `No import run with id ${runId}`);
  if (row.status !== "held") throw new AppError("conflict", `Run #${row.number} is not waiting for review (it is ${row.status})`);
  return { id: row.id, number: row.number, sourceId: row.sourceId, sourceName: row.source_name, heldAt: row.heldAt, counts: row.counts };
}

/** Runs `work` while `client` holds the source's import lock, so no import or rollback interleaves. */
async function withSourceLock<T>(client: pg.Client, run: HeldRun, work: () => Promise<T>): Promise<T> {
  if (!(await tryLockSource(client, run.sourceId))) {
    throw new AppError("conflict", `An import or rollback of "${run.sourceName}" is running; try again when it has finished`);
  }
  try {
    return await work();
  } finally {
    await unlockSource(client, run.sourceId).catch(() => {});
  }
}

/**
 * Connects as `applicationName`, takes the run's source lock, and hands `work` the held run as
 * read under that lock (it may have been decided while the lock was awaited).
 */
export async function withLockedHeldRun<T>(runId: string, applicationName: string, work: (client: pg.Client, run: HeldRun) => Promise<T>): Promise<T> {
  const client = await connectPg(applicationName, { bulk: true });
  try {
    return await withSourceLock(client, await loadHeldRun(client, runId), async () => work(client, await loadHeldRun(client, runId)));
  } finally {
    await client.end().catch(() => {});
  }
}

/** The run's staging restored into `client`'s temp tables, `work` in one transaction, the staging dropped after either way. */
export async function inHeldStagingTransaction<T>(client: pg.Client, run: HeldRun, work: (meta: HeldMeta) => Promise<T>): Promise<T> {
  const { staging, meta } = await restoreHeldStaging(client, run.id);
  try {
    await client.query("begin");
    try {
      const result = await work(meta);
      await client.query("commit");
      return result;
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    }
  } finally {
    await staging.drop().catch(() => {});
  }
}
