// Writing a large share of a table row by row maintains every index once per row (the
// trigram GIN on names most of all); dropping the secondary indexes and building them again
// after the write costs several times less, as pg_restore does. It happens inside the
// caller's transaction: DROP INDEX holds an ACCESS EXCLUSIVE lock on the table until COMMIT
// (browse waits for the apply to finish rather than seeing half of it), and a ROLLBACK brings
// the old indexes back untouched. Small writes keep the indexes and never take that lock.
import "server-only";
import type pg from "pg";
import { PhaseTimings } from "./phase-timings";

// Per row written, maintaining the indexes costs about as much as building them for 4–6 rows
// (bench:import); below a few thousand rows locking the table is never worth it.
const REBUILD_WHEN_ROWS_PER_TABLE_ROW = 0.25;
const MIN_BULK_ROWS = 5000;

/**
 * Runs `write`, which changes about `rowsWritten` rows of `table`; when that is a large share of
 * the table, its secondary indexes (not the primary key, unique indexes or constraints) are
 * dropped first and rebuilt after.
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
  const result = await write();
  await timings.time(`${table}: build ${indexes.rows.length} indexes`, async () => {
    await client.query("set local maintenance_work_mem = '256MB'");
    for (const index of indexes.rows) await client.query(index.definition);
  });
  return result;
}
