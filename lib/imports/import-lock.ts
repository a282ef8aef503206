// "Two imports of the same source never run at once": a session-level advisory lock per
// source, held by the run's own connection for the whole run. A crashed process drops its
// connection and with it the lock, so nothing needs cleaning up by hand.
import "server-only";
import type pg from "pg";

const LOCK_SQL = `hashtext('dealport.import'), hashtext($1)`;

export async function tryLockSource(client: pg.Client, sourceId: string): Promise<boolean> {
  const result = await client.query(`select pg_try_advisory_lock(${LOCK_SQL}) as locked`, [sourceId]);
  return result.rows[0].locked === true;
}

export async function unlockSource(client: pg.Client, sourceId: string): Promise<void> {
  await client.query(`select pg_advisory_unlock(${LOCK_SQL})`, [sourceId]);
}
