// Records from different sources that are the same record form one link group: every member
// but one points at the group's record (Deal.linkedToDealId, Account.linkedToAccountId), so
// browse and push count the group once. Deals and accounts group the same way.
import type pg from "pg";

/** Runs one statement and returns the number of rows it touched. */
export type Execute = (sql: string, params: unknown[]) => Promise<number>;

/**
 * Runs the linking statements of an import, inside its transaction, with nested loops off:
 * there the planner's row counts predate the rows the import just wrote, and a nested loop
 * over two sides it takes for a handful pairs every deal with every other one by one (minutes
 * at 12k deals). The joins are all equalities, which a hash join does in one pass.
 */
export const pgExecute =
  (client: pg.Client): Execute =>
  async (sql, params) => {
    await client.query("set local enable_nestloop = off");
    try {
      return (await client.query(sql, params)).rowCount ?? 0;
    } finally {
      // A failed statement aborted the transaction, which drops the setting anyway.
      await client.query("set local enable_nestloop = on").catch(() => {});
    }
  };

/** The table of a kind of record and its group column; constants, never input. */
export type LinkTable = { table: "Deal"; groupColumn: "linkedToDealId" } | { table: "Account"; groupColumn: "linkedToAccountId" };
export const DEAL_GROUPS: LinkTable = { table: "Deal", groupColumn: "linkedToDealId" };
export const ACCOUNT_GROUPS: LinkTable = { table: "Account", groupColumn: "linkedToAccountId" };

/** The host of a url column, without scheme, `www.`, port or path (null when there is none). */
export const domainOf = (column: string) => `nullif(regexp_replace(lower(${column}), '^([a-z]+://)?(www\\.)?([^/:?#]+).*$', '\\3'), '')`;

/**
 * Joins the groups of the (a, b) record pairs `pairs` selects, the smallest root id standing
 * for the merged group, repeated until every pair shares one root (chains over 3+ sources).
 */
export async function mergeGroups(execute: Execute, { table, groupColumn }: LinkTable, pairs: string, params: unknown[], runId: string | null): Promise<number> {
  const runParam = `$${params.length + 1}`;
  let linked = 0;
  for (;;) {
    const moved = await execute(
      `with pairs as (${pairs}),
         roots as (
           select coalesce(ra."${groupColumn}", ra.id) as ra, coalesce(rb."${groupColumn}", rb.id) as rb
           from pairs p join "${table}" ra on ra.id = p.a join "${table}" rb on rb.id = p.b),
         merges as (select greatest(ra, rb) as moved, min(least(ra, rb)) as keep from roots where ra <> rb group by greatest(ra, rb))
       update "${table}" t set "${groupColumn}" = m.keep, "linkedByRunId" = ${runParam}::text
       from merges m where t.id = m.moved or t."${groupColumn}" = m.moved`,
      [...params, runId],
    );
    if (moved === 0) return linked;
    linked += moved;
    // A root merged into a group that itself moved in the same pass: point its members at the final root.
    while (
      (await execute(
        `update "${table}" t set "${groupColumn}" = r."${groupColumn}" from "${table}" r where t."${groupColumn}" = r.id and r."${groupColumn}" is not null`,
        [],
      )) > 0
    );
  }
}

/** The source's removed records leave their groups. */
export async function unlinkRemoved(execute: Execute, { table, groupColumn }: LinkTable, sourceId: string): Promise<void> {
  await execute(`update "${table}" set "${groupColumn}" = null where "sourceId" = $1 and "removedAt" is not null and "${groupColumn}" is not null`, [sourceId]);
}

/**
 * Whether any other source has records in the table: when none does (one source, or the first
 * import), there is nothing to suggest, and the suggestion joins are skipped. Two ranges of the
 * (sourceId, externalId) index, so it reads at most one row.
 */
export async function otherSourcesHave(client: pg.Client, table: LinkTable["table"], sourceId: string): Promise<boolean> {
  const result = await client.query(`select exists (select 1 from "${table}" where "sourceId" < $1 or "sourceId" > $1) as found`, [sourceId]);
  return result.rows[0].found === true;
}
