// Deal changes no DealChange row records, so that a first import and its rollback write one
// row per deal (the deal's) instead of two: a run's creations, and their removal by a rollback
// of that run. Readers (run review, deal timeline, the deal API, rollback preview) add these to
// the rows. Runs applied before wrote rows for both: a change with a row is never derived too.
//
// SQL over `d` (a Deal) and `r` (an ImportRun); true when the run made that change to the deal.

/** r created d: Deal.firstSeenRunId (a deal brought back after a removal has a row instead). */
export const CREATED_BY_RUN = (d: string, r: string) =>
  `${d}."firstSeenRunId" = ${r}.id
   and not exists (select 1 from "DealChange" c where c."dealId" = ${d}.id and c."runId" = ${r}.id and c.kind = 'new')`;

/**
 * r, a rollback of the run that created d, removed it: it was live then, so the rollback set its
 * lastSeenRunId to r (rollback-import.ts, removeCreatedRecords). Nothing else ever sets that, and
 * every later write of lastSeenRunId saves a before-image first, so r is either still there or
 * in one of d's images.
 */
export const REMOVED_AS_CREATED_BY_RUN = (d: string, r: string) =>
  `${r}."rollbackOfRunId" = ${d}."firstSeenRunId"
   and (${d}."lastSeenRunId" = ${r}.id
        or exists (select 1 from "ImportUndo" u where u.kind = 'deal' and u."recordId" = ${d}.id and u.before ->> 'lastSeenRunId' = ${r}.id))
   and not exists (select 1 from "DealChange" c where c."dealId" = ${d}.id and c."runId" = ${r}.id and c.kind = 'removed')`;

/** The derived changes of the deal `d` (for a lateral join): (kind, "runId") rows. */
export const DERIVED_CHANGES_OF_DEAL = (d: string) => `
  select 'new' as kind, r.id as "runId" from "ImportRun" r where r.id = ${d}."firstSeenRunId" and ${CREATED_BY_RUN(d, "r")}
  union all
  select 'removed', r.id from "ImportRun" r where r."rollbackOfRunId" = ${d}."firstSeenRunId" and ${REMOVED_AS_CREATED_BY_RUN(d, "r")}`;

/**
 * The kind a run's derived changes have ("new" for an import, "removed" for a rollback) and
 * the SQL choosing its deals (`d`; `r` must be the run).
 */
export function derivedChangesOfRun(run: { rollbackOfRunId: string | null }) {
  return run.rollbackOfRunId === null
    ? { kind: "new" as const, where: CREATED_BY_RUN("d", "r") }
    : { kind: "removed" as const, where: REMOVED_AS_CREATED_BY_RUN("d", "r") };
}
