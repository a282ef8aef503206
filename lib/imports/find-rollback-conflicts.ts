// Which newer runs stand in the way of rolling back a run: applied import runs of the same
// source, still in effect (not rolled back), that changed a record the run touched. Rollback
// runs are left out: one either cancels a run that is itself no longer in effect, or (rolling
// back a rollback) puts a run back in effect, and then that run is the one that counts.
import type pg from "pg";

export interface RunRef {
  id: string;
  number: number;
  finishedAt: Date;
}

export interface ConflictingDeal {
  id: string;
  externalId: string;
  name: string;
  runNumbers: number[];
}

export interface RollbackConflicts {
  runs: RunRef[];
  deals: ConflictingDeal[];
  /** Conflicting records of every kind (deals, accounts, contacts). */
  records: number;
}

const DEALS_LISTED = 100;

/**
 * Records a run touched: those it saved a before-image of, and those it created (firstSeenRunId);
 * a rollback also removed, without images, what the run it rolled back created (rollback-import.ts).
 */
const TOUCHED_BY_RUN = `
  with created_by as (select $1::text as id union select "rollbackOfRunId" from "ImportRun" where id = $1 and "rollbackOfRunId" is not null)
  select kind, "recordId" as id from "ImportUndo" where "runId" = $1
  union select 'deal', id from "Deal" where "firstSeenRunId" in (select id from created_by)
  union select 'account', id from "Account" where "firstSeenRunId" in (select id from created_by)
  union select 'contact', id from "Contact" where "firstSeenRunId" in (select id from created_by)`;

export async function findRollbackConflicts(client: pg.Client, run: { id: string; sourceId: string; finishedAt: Date }): Promise<RollbackConflicts> {
  await client.query(`
    drop table if exists rollback_conflict;
    create temp table rollback_conflict (kind text, id text, run_id text, run_number int)`);
  await client.query(
    `insert into rollback_conflict
     select t.kind, t.id, r.id, r.number
     from (${TOUCHED_BY_RUN}) t
       join "ImportUndo" u on u.kind = t.kind and u."recordId" = t.id
       join "ImportRun" r on r.id = u."runId"
     where r."sourceId" = $2 and r.id <> $1 and r."finishedAt" > $3 and r.status = 'succeeded'
       and r."rolledBackByRunId" is null and r."rollbackOfRunId" is null`,
    [run.id, run.sourceId, run.finishedAt],
  );
  const runs = await client.query(
    `select r.id, r.number, r."finishedAt" from "ImportRun" r where r.id in (select run_id from rollback_conflict) order by r."finishedAt" desc`,
  );
  const deals = await client.query(
    `select d.id, d."externalId", d.name, array_agg(distinct c.run_number order by c.run_number) as run_numbers
     from rollback_conflict c join "Deal" d on c.kind = 'deal' and d.id = c.id
     group by d.id order by d."externalId" limit ${DEALS_LISTED}`,
  );
  const records = await client.query(`select count(*) as n from (select distinct kind, id from rollback_conflict) x`);
  await client.query(`drop table rollback_conflict`);
  return {
    runs: runs.rows.map((r) => ({ id: r.id, number: r.number, finishedAt: r.finishedAt })),
    deals: deals.rows.map((d) => ({ id: d.id, externalId: d.externalId, name: d.name, runNumbers: d.run_numbers })),
    records: Number(records.rows[0].n),
  };
}
