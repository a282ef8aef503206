// Writing a large share of a table row by row maintains every index once per row (the
// trigram GIN on names most of all); dropping the secondary indexes and building them again
// after the write costs several times less, as pg_restore does. It happens inside the
// caller's transaction: DROP INDEX holds an ACCESS EXCLUSIVE lock on the table until COMMIT
// (browse waits for the apply to finish rather than seeing half of it), and a ROLLBACK brings
// the old indexes back untouched. Small writes keep the indexes and never take that lock.
// Foreign keys are checked row by row too (a lookup and a row lock on the referenced row per
// row written): those whose referenced table the transaction already holds exclusively (Deal's
// link to another deal; its account, once a bulk write of accounts in the same run locked
// Account) are dropped as well and added back after the write, which checks them with one join.
// Keys to any other table stay: dropping one locks its referenced table (Source, ImportRun)
// against reads until COMMIT. The writes never delete or re-key referenced rows (imports and
// rollbacks mark records removed), so no ON DELETE action goes missing; if one did, adding the
// key back would fail and roll the transaction back.
import "server-only";
import type pg from "pg";
import { PhaseTimings } from "./phase-timings";

// Per row written, maintaining the indexes costs about as much as building them for 4–6 rows
// (bench:import); below a few thousand rows locking the table is never worth it.
const REBUILD_WHEN_ROWS_PER_TABLE_ROW = 0.25;
const MIN_BULK_ROWS = 5000;

/**
 * Runs `write`, which changes about `rowsWritten` rows of `table`; when that is a large share of
 * the table, its secondary indexes (not the primary key, unique indexes or constraints) and the
 * foreign keys to tables it holds exclusively are dropped first and rebuilt after.
 */
export async function rebuildIndexesForBulkWrite<T>(client: pg.Client, table: string, rowsWritten: number, write: () => Promise<T>, timings = new PhaseTimings()): Promise<T> {
  if (rowsWritten < MIN_BULK_ROWS) return write();
  // The planner's estimate first; it lags behind big writes (autovacuum analyzes later), so an
  // estimate that says "rebuild" is checked against the exact count.
  const estimate = await client.query(`select greatest(reltuples, 0)::bigint as rows from pg_class where oid = $1::regclass`, [`"${table}"`]);
  if (rowsWritten < Number(estimate.rows[0].rows) * REBUILD_WHEN_ROWS_PER_TABLE_ROW) return write();
  const exact = await client.query(`select count(*) as rows from "${table}"`);
  if (rowsWritten < Number(exact.rows[0].rows) * REBUILD_WHEN_ROWS_PER_TABLE_ROW) return write();
  const indexes = await client.query<{ name: string; definition: string }>(
    `select c.relname as name, pg_get_indexdef(i.indexrelid) as definition
     from pg_index i join pg_class c on c.oid = i.indexrelid
     where i.indrelid = $1::regclass and not i.indisprimary and not i.indisunique
       and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
     order by c.relname`,
    [`"${table}"`],
  );
  await timings.time(`${table}: drop ${indexes.rows.length} indexes`, () =>
    client.query(indexes.rows.map((index) => `drop index ${client.escapeIdentifier(index.name)}`).join("; ")),
  );
  // After DROP INDEX, so the table's own lock counts (its self-reference).
  const foreignKeys = await client.query<{ name: string; definition: string }>(
    `select k.conname as name, pg_get_constraintdef(k.oid) as definition
     from pg_constraint k
     where k.conrelid = $1::regclass and k.contype = 'f'
       and exists (select 1 from pg_locks l where l.pid = pg_backend_pid() and l.locktype = 'relation' and l.relation = k.confrelid
                     and l.mode = 'AccessExclusiveLock' and l.granted)
     order by k.conname`,
    [`"${table}"`],
  );
  const alterTable = (actions: string[]) => client.query(`alter table ${client.escapeIdentifier(table)} ${actions.join(", ")}`);
  if (foreignKeys.rows.length > 0) {
    await timings.time(`${table}: drop ${foreignKeys.rows.length} foreign keys`, () => alterTable(foreignKeys.rows.map((key) => `drop constraint ${client.escapeIdentifier(key.name)}`)));
  }
  const result = await write();
  await timings.time(`${table}: build ${indexes.rows.length} indexes`, async () => {
    await client.query("set local maintenance_work_mem = '256MB'");
    for (const index of indexes.rows) await client.query(index.definition);
  });
  if (foreignKeys.rows.length > 0) {
    await timings.time(`${table}: check ${foreignKeys.rows.length} foreign keys`, () =>
      alterTable(foreignKeys.rows.map((key) => `add constraint ${client.escapeIdentifier(key.name)} ${key.definition}`)),
    );
  }
  return result;
}
