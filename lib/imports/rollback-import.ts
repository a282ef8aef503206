// Rolling back an applied import run, set-based, as a run of its own ("rollback of #N"):
// records the run created are marked removed, records it changed or removed get their
// before-images back (ImportUndo, whole rows), and the rollback saves before-images of what
// it overwrites, so rolling the rollback back redoes the import. What the run created and
// nothing changed since is removed with no image (see REMOVABLE_AS_CREATED), so rolling back
// an initial import writes little more than the removal itself. It holds the source's import
// lock (a running import refuses it, and it refuses imports) and happens in one transaction;
// a dry run is the same transaction rolled back, so the preview is exactly what would happen.
import type pg from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import { connectPg } from "@/lib/db/connect-pg";
import { AppError } from "@/lib/errors";
import { DEAL_DIFF, resolveReportsTo, type KindCounts } from "./apply-staged-records";
import type { FieldChange } from "./canonical";
import { REMOVED_AS_CREATED_BY_RUN } from "./derived-deal-changes";
import { findRollbackConflicts, type RollbackConflicts, type RunRef } from "./find-rollback-conflicts";
import { tryLockSource, unlockSource } from "./import-lock";
import { PhaseTimings, type PhaseTimes } from "./phase-timings";
import { rebuildIndexesForBulkWrite } from "./rebuild-indexes-for-bulk-write";
import { recordRunEvent } from "./record-run-event";
import type { ImportCounts } from "./run-import";
import { saveUndoImages, UNDO_TABLES, type UndoKind } from "./save-undo-images";
import type { ImportTrigger } from "./schemas";

const flag = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).optional().default(false);

/** POST /api/v1/imports/{id}/rollback, the run page's button and `dealport imports rollback`. */
const rollbackImportSchema = z.object({
  /** Roll back the newer runs that changed the same records too (newest first). */
  cascade: flag,
  dryRun: flag,
  comment: z.string().trim().max(1000, "comment: at most 1000 characters").nullish().transform((v) => v || null),
});

export interface RolledBackRun {
  /** The run that was (or, dry, would be) rolled back. */
  run: RunRef;
  /** The rollback run; in a dry run it was created and then rolled back with everything else. */
  rollbackRun: { id: string; number: number };
  counts: ImportCounts;
}

export interface RollbackPreviewChange {
  runNumber: number;
  kind: "new" | "changed" | "removed";
  restored: boolean;
  fields: FieldChange[];
  deal: { id: string; externalId: string; name: string };
}

export interface RollbackResult {
  dryRun: boolean;
  /** Newest first: the newer runs rolled back by a cascade, then the run asked for. */
  runs: RolledBackRun[];
  /** The first deal changes of the rollback(s), for the preview. */
  changes: RollbackPreviewChange[];
  /** Where the rollback's time went (bench:import prints it). */
  timings: PhaseTimes;
}

const PREVIEW_CHANGES = 200;

export async function rollbackImport(runId: string, input: unknown, actor: Actor | null, trigger: ImportTrigger): Promise<RollbackResult> {
  const options = rollbackImportSchema.parse(input);
  const client = await connectPg("dealport-rollback", { bulk: true });
  try {
    const target = await loadRun(client, runId);
    if (!(await tryLockSource(client, target.sourceId))) {
      throw new AppError("conflict", `An import of "${target.sourceName}" is running; roll back run #${target.number} once it has finished`);
    }
    try {
      await client.query("begin");
      try {
        // Re-read under the lock: another rollback may have finished in between.
        const timings = new PhaseTimings();
        const run = await loadRun(client, runId, true);
        const chain = await timings.time("find conflicting runs", () => planRollbackChain(client, run, options.cascade));
        const runs: RolledBackRun[] = [];
        for (const step of chain) runs.push(await rollBackOneRun(client, step, actor, trigger, options.comment, timings));
        const changes = await timings.time("preview", () => previewChanges(client, runs));
        await timings.time("commit", () => client.query(options.dryRun ? "rollback" : "commit"));
        return { dryRun: options.dryRun, runs, changes, timings: timings.ms };
      } catch (error) {
        await client.query("rollback").catch(() => {});
        throw error;
      }
    } finally {
      await unlockSource(client, target.sourceId).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}

interface LoadedRun extends RunRef {
  sourceId: string;
  sourceName: string;
  rollbackOfRunId: string | null;
}

async function loadRun(client: pg.Client, runId: string, forUpdate = false): Promise<LoadedRun> {
  const result = await client.query(
    `select r.id, r.number, r."finishedAt", r."sourceId", s.name as source_name, r.status, r."rolledBackByRunId", r."rollbackOfRunId", b.number as rolled_back_by
     from "ImportRun" r join "Source" s on s.id = r."sourceId" left join "ImportRun" b on b.id = r."rolledBackByRunId"
     where r.id = $1 ${forUpdate ? "for update of r" : ""}`,
    [runId],
  );
  const row = result.rows[0];
  if (!row) throw new AppError("not_found", `No import run with id ${runId}`);
  if (row.status !== "succeeded") {
    throw new AppError("conflict", `Run #${row.number} was not applied (${row.status}), so there is nothing to roll back`);
  }
  if (row.rolledBackByRunId) throw new AppError("conflict", `Run #${row.number} has already been rolled back by run #${row.rolled_back_by}`);
  // Import runs applied before before-images were recorded changed deals we cannot put back
  // (rollbacks always kept them, but for what they removed as created: REMOVABLE_AS_CREATED).
  const images = row.rollbackOfRunId ? null : await client.query(
    `select exists (select 1 from "DealChange" where "runId" = $1 and kind in ('changed', 'removed'))
       and not exists (select 1 from "ImportUndo" where "runId" = $1) as missing`,
    [runId],
  );
  if (images?.rows[0].missing) throw new AppError("conflict", `Run #${row.number} was applied before Dealport kept the previous values of what a run changes, so it cannot be rolled back`);
  return { id: row.id, number: row.number, finishedAt: row.finishedAt, sourceId: row.sourceId, sourceName: row.source_name, rollbackOfRunId: row.rollbackOfRunId };
}

/**
 * The runs to roll back, newest first, ending with `run`. Newer runs in effect that changed
 * the same records refuse the rollback unless `cascade`, which takes them (and whatever newer
 * runs stand in their way) along.
 */
async function planRollbackChain(client: pg.Client, run: LoadedRun, cascade: boolean): Promise<LoadedRun[]> {
  const conflicts = await findRollbackConflicts(client, run);
  if (conflicts.runs.length === 0) return [run];
  if (!cascade) throw conflictError(run, conflicts);
  const chain = new Map<string, LoadedRun>([[run.id, run]]);
  const queue: RunRef[] = [...conflicts.runs];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (chain.has(next.id)) continue;
    const loaded = await loadRun(client, next.id, true);
    chain.set(next.id, loaded);
    queue.push(...(await findRollbackConflicts(client, loaded)).runs);
  }
  return [...chain.values()].sort((a, b) => b.finishedAt.getTime() - a.finishedAt.getTime());
}

function conflictError(run: LoadedRun, conflicts: RollbackConflicts) {
  const numbers = conflicts.runs.map((r) => `#${r.number}`).join(", ");
  const deals = conflicts.deals.slice(0, 5).map((d) => d.externalId).join(", ");
  return new AppError(
    "conflict",
    `Run #${run.number} cannot be rolled back on its own: newer run${conflicts.runs.length === 1 ? "" : "s"} ${numbers} changed ${conflicts.records} of the same records` +
      `${deals ? ` (deals ${deals}${conflicts.deals.length > 5 ? ", …" : ""})` : ""}. Roll back ${conflicts.runs.length === 1 ? "that run" : "those runs"} too (cascade), newest first, or leave it.`,
    { runs: conflicts.runs, deals: conflicts.deals, records: conflicts.records },
  );
}

const KINDS: UndoKind[] = ["deal", "account", "contact"];
// Columns a rollback never rewrites: identity, and when the row was first created.
const KEPT_COLUMNS = new Set(["id", "sourceId", "externalId", "createdAt", "updatedAt"]);

async function rollBackOneRun(
  client: pg.Client,
  run: LoadedRun,
  actor: Actor | null,
  trigger: ImportTrigger,
  comment: string | null,
  timings: PhaseTimings,
): Promise<RolledBackRun> {
  const created = await client.query(
    `insert into "ImportRun" (id, "sourceId", status, trigger, "startedById", "rollbackOfRunId") values (gen_random_uuid()::text, $1, 'running', $2, $3, $4)
     returning id, number`,
    [run.sourceId, trigger, actor?.id ?? null, run.id],
  );
  const rollbackRun = { id: created.rows[0].id as string, number: created.rows[0].number as number };

  // What the run changed or removed, with the image to go back to; what it created is removed
  // below (removeCreatedRecords), without going through this table.
  await client.query(`
    drop table if exists rollback_target;
    create temp table rollback_target (kind text not null, id text not null, before jsonb not null, live_removed boolean not null default false)`);
  await timings.time("what the run touched", async () => {
    await client.query(`insert into rollback_target (kind, id, before) select kind, "recordId", before from "ImportUndo" where "runId" = $1`, [run.id]);
    for (const kind of KINDS) {
      const table = UNDO_TABLES[kind];
      if (run.rollbackOfRunId) {
        // A rollback removed what the run it rolled back created without images (removeCreatedRecords):
        // those come back as that run left them (their other columns are as they were).
        await client.query(
          `insert into rollback_target (kind, id, before)
           select '${kind}', x.id, to_jsonb(x) || ${AS_CREATED(kind, "$2")} from "${table}" x
           where ${CREATED_BY_RUN("$2")}
             and not exists (select 1 from "ImportUndo" u where u."runId" = $1 and u.kind = '${kind}' and u."recordId" = x.id)`,
          [run.id, run.rollbackOfRunId],
        );
      }
      await client.query(`update rollback_target t set live_removed = x."removedAt" is not null from "${table}" x where t.kind = '${kind}' and x.id = t.id`);
    }
    await client.query(`create index on rollback_target (kind, id); analyze rollback_target`);
  });

  await timings.time("before-images (ImportUndo)", async () => {
    for (const kind of KINDS) await saveUndoImages(client, rollbackRun.id, kind, `select id from rollback_target where kind = '${kind}'`);
  });
  await timings.time("review rows (DealChange)", () => writeDealChanges(client, rollbackRun.id));
  const kindCounts = await countTargets(client);
  // What the run created, by its counts (deals back after a removal included): with the images,
  // how many rows of each table this writes, for the index rebuilds.
  const runCounts = run.rollbackOfRunId ? null : ((await client.query(`select counts from "ImportRun" where id = $1`, [run.id])).rows[0].counts as ImportCounts | null);
  const createdRows: Record<UndoKind, number> = { deal: runCounts?.new ?? 0, account: runCounts?.accounts?.new ?? 0, contact: runCounts?.contacts?.new ?? 0 };
  for (const kind of KINDS) {
    const table = UNDO_TABLES[kind];
    const rowsWritten = Object.values(kindCounts[kind]).reduce((sum, n) => sum + n, 0) + createdRows[kind];
    await rebuildIndexesForBulkWrite(client, table, rowsWritten, async () => {
      await timings.time(`put back ${table}`, () => restoreImages(client, kind));
      if (run.rollbackOfRunId) return;
      kindCounts[kind].removed += await timings.time(`remove ${table} created by the run`, () => removeCreatedRecords(client, kind, run.id, rollbackRun.id));
    }, timings);
  }
  await timings.time("reports-to links", () => resolveReportsTo(client, run.sourceId));

  const deals = kindCounts.deal;
  const counts: ImportCounts = {
    new: deals.new,
    changed: deals.changed,
    unchanged: 0,
    removed: deals.removed,
    rejected: 0,
    accounts: { ...kindCounts.account, rejected: 0 },
    contacts: { ...kindCounts.contact, rejected: 0 },
    rows: 0,
    problems: { error: 0, warning: 0, info: 0 },
  };
  await client.query(`update "ImportRun" set "rolledBackByRunId" = $2 where id = $1`, [run.id, rollbackRun.id]);
  // Rolling back a rollback puts the run it undid back in effect.
  if (run.rollbackOfRunId) await client.query(`update "ImportRun" set "rolledBackByRunId" = null where id = $1`, [run.rollbackOfRunId]);
  await client.query(
    `update "ImportRun" set status = 'succeeded', counts = $2, progress = $3, "finishedAt" = clock_timestamp() where id = $1`,
    [rollbackRun.id, counts, { phase: "done", rowsProcessed: 0 }],
  );
  await client.query(`drop table rollback_target`);
  await recordRunEvent(client, {
    runId: run.id,
    kind: "rolled_back",
    actor,
    comment,
    summary: `Rolled back import run #${run.number} of "${run.sourceName}" as run #${rollbackRun.number}: ${counts.new} deals back, ${counts.changed} changed back, ${counts.removed} removed`,
    details: { rollbackRunId: rollbackRun.id, rollbackRunNumber: rollbackRun.number, counts },
  });
  return { run: { id: run.id, number: run.number, finishedAt: run.finishedAt }, rollbackRun, counts };
}

/** Records the import run (placeholder `run`) created, as alias x (deals it brought back after a removal have images instead). */
const CREATED_BY_RUN = (run: string) => `x."firstSeenRunId" = ${run}`;

// A record the run created and nothing since changed but what imports change without images
// (an unchanged deal's status; its account link and base amount, which removal keeps): removing
// it changes removedAt, lastSeenRunId and lastImportStatus only, so the rollback keeps no image
// of it, and rolling the rollback back brings it back as the run created it (AS_CREATED). That
// is all an initial import's rollback touches, as a rule: no 1M-row images, diffs or temp tables.
const REMOVABLE_AS_CREATED = (kind: UndoKind, run: string) =>
  `x."removedAt" is null and x."lastSeenRunId" = ${run}` + (kind === "deal" ? ` and x."lastImportStatus" in ('new', 'unchanged')` : "");
const AS_CREATED = (kind: UndoKind, run: string) =>
  `jsonb_build_object('removedAt', null, 'lastSeenRunId', ${run}::text${kind === "deal" ? `, 'lastImportStatus', 'new'` : ""})`;

/**
 * Removes what the run created, never deleting it (pushes may link to it); before-images only
 * of those changed since (not REMOVABLE_AS_CREATED), removed ones included, so a rollback of
 * this rollback leaves those as they are now. One statement: the images see the rows as they
 * were before the update. No "removed" DealChange rows: lastSeenRunId = the rollback says it
 * (REMOVED_AS_CREATED_BY_RUN); at 200k deals they doubled this statement (2.4 s → 5.2 s) and
 * rebuilt DealChange's indexes.
 */
async function removeCreatedRecords(client: pg.Client, kind: UndoKind, runId: string, rollbackRunId: string): Promise<number> {
  const table = UNDO_TABLES[kind];
  const status = kind === "deal" ? `, "lastImportStatus" = 'removed'` : "";
  const result = await client.query(
    `with created as (
       select x.id, x."removedAt" is null as live, ${REMOVABLE_AS_CREATED(kind, "$1")} as as_created from "${table}" x where ${CREATED_BY_RUN("$1")}
     ), images as (
       insert into "ImportUndo" ("runId", kind, "recordId", before)
       select $2, '${kind}', x.id, to_jsonb(x) from "${table}" x join created c on c.id = x.id and not c.as_created
     ), removed as (
       update "${table}" x set "removedAt" = now(), "lastSeenRunId" = $2, "updatedAt" = now()${status}
       from created c where x.id = c.id and c.live
       returning x.id
     )
     select count(*) as n from removed`,
    [runId, rollbackRunId],
  );
  return Number(result.rows[0].n);
}

// Going back to a removed image removes; an image that was live while the record is removed
// now brings it back; otherwise the fields change back.
const GOES_REMOVED = `(t.before ->> 'removedAt' is not null)`;

/** The rollback's own review: DealChange rows in the shape imports write (see applyDeals). */
async function writeDealChanges(client: pg.Client, rollbackRunId: string) {
  await client.query(
    `insert into "DealChange" ("runId", "dealId", kind, diff)
     select $1, x.id, x.kind, x.diff from (
       select d.id,
         case when ${GOES_REMOVED} then 'removed' when d."removedAt" is not null then 'new' else 'changed' end as kind,
         case when ${GOES_REMOVED} then '{}'::jsonb
              when d."removedAt" is not null then jsonb_build_object('restored', true, 'fields', ${DEAL_DIFF})
              else jsonb_build_object('fields', ${DEAL_DIFF}) end as diff
       from rollback_target t join "Deal" d on d.id = t.id
         -- The image under import_deal's column names, which DEAL_DIFF reads.
         left join lateral (
           select p.name, p.stage, p.pipeline, p.owner, p."amountMinor" as amount_minor, p.currency, p."closeDate" as close_date,
             p."accountExternalId" as account_external_id, p.properties, p."sourceCreatedAt" as source_created_at
           from jsonb_populate_record(null::"Deal", t.before) p
         ) s on true
       where t.kind = 'deal' and not (${GOES_REMOVED} and d."removedAt" is not null)
     ) x
     where x.kind <> 'changed' or jsonb_array_length(x.diff -> 'fields') > 0`,
    [rollbackRunId],
  );
}

async function countTargets(client: pg.Client): Promise<Record<UndoKind, KindCounts>> {
  const result = await client.query(`
    select kind,
      count(*) filter (where ${GOES_REMOVED} and not live_removed) as removed,
      count(*) filter (where not ${GOES_REMOVED} and live_removed) as new,
      count(*) filter (where not ${GOES_REMOVED} and not live_removed) as changed
    from rollback_target t group by kind`);
  const counts = Object.fromEntries(KINDS.map((k) => [k, { new: 0, changed: 0, unchanged: 0, removed: 0 }])) as Record<UndoKind, KindCounts>;
  for (const row of result.rows) counts[row.kind as UndoKind] = { new: Number(row.new), changed: Number(row.changed), unchanged: 0, removed: Number(row.removed) };
  return counts;
}

async function restoreImages(client: pg.Client, kind: UndoKind) {
  const table = UNDO_TABLES[kind];
  const columns = (await tableColumns(client, table)).filter((c) => !KEPT_COLUMNS.has(c)).map((c) => `"${c}"`);
  // Whole rows back, field by field, from the images.
  await client.query(
    `update "${table}" x set (${columns.join(", ")}) = (select ${columns.map((c) => `p.${c}`).join(", ")} from jsonb_populate_record(null::"${table}", t.before) p),
       "updatedAt" = now()
     from rollback_target t where t.kind = '${kind}' and x.id = t.id`,
  );
}

async function tableColumns(client: pg.Client, table: string): Promise<string[]> {
  const result = await client.query(
    `select column_name from information_schema.columns where table_schema = current_schema() and table_name = $1 order by ordinal_position`,
    [table],
  );
  return result.rows.map((r) => r.column_name as string);
}

/** The rollbacks' first changes: their DealChange rows, then the created deals they removed (no rows). */
async function previewChanges(client: pg.Client, runs: RolledBackRun[]): Promise<RollbackPreviewChange[]> {
  const byRun = new Map(runs.map((r) => [r.rollbackRun.id, r.run.number]));
  const rollbackRunIds = [...byRun.keys()];
  const stored = await client.query(
    `select c."runId", c.kind, c.diff, d.id, d."externalId", d.name from "DealChange" c join "Deal" d on d.id = c."dealId"
     where c."runId" = any($1) order by c.id limit ${PREVIEW_CHANGES}`,
    [rollbackRunIds],
  );
  const rows = [...stored.rows];
  for (const runId of rollbackRunIds) {
    if (rows.length >= PREVIEW_CHANGES) break;
    // By the source's (sourceId, externalId) index: the first ones of a million, not all sorted.
    const derived = await client.query(
      `select r.id as "runId", 'removed' as kind, '{}'::jsonb as diff, d.id, d."externalId", d.name
       from "ImportRun" r join "Deal" d on d."sourceId" = r."sourceId" and d."firstSeenRunId" = r."rollbackOfRunId"
       where r.id = $1 and ${REMOVED_AS_CREATED_BY_RUN("d", "r")} order by d."externalId" limit ${PREVIEW_CHANGES - rows.length}`,
      [runId],
    );
    rows.push(...derived.rows);
  }
  return rows.map((r) => ({
    runNumber: byRun.get(r.runId)!,
    kind: r.kind,
    restored: r.diff?.restored === true,
    fields: r.diff?.fields ?? [],
    deal: { id: r.id, externalId: r.externalId, name: r.name },
  }));
}
