// Applies the staged records to the live tables, set-based, inside the caller's
// transaction: new / changed / unchanged / removed per kind, field-level DealChange diffs
// (none for deals a run creates: Deal.firstSeenRunId names them),
// account and reports-to links. Unchanged rows are not rewritten, so re-importing a large
// snapshot with a few changes writes only those few rows.
import "server-only";
import type pg from "pg";
import type { RecordKind } from "./import-reader";
import { PhaseTimings } from "./phase-timings";
import { rebuildIndexesForBulkWrite } from "./rebuild-indexes-for-bulk-write";
import { saveUndoImages } from "./save-undo-images";
import { REPEATED_TABLES } from "./staging-tables";

export interface KindCounts {
  new: number;
  changed: number;
  unchanged: number;
  removed: number;
  /** Deals only: the source's live deals once the run is applied. */
  live?: number;
}

export type ScopeMode = "snapshot" | "partial";

const count = (value: unknown) => Number(value ?? 0);

/** Ids that repeat across batches: keep the last staged one (the parser already reported the repeat). */
export async function dropSupersededRows(client: pg.Client) {
  for (const table of REPEATED_TABLES) {
    await client.query(
      `delete from ${table} a using ${table} b
       where a.external_id in (select external_id from ${table}_repeated) and a.external_id = b.external_id and a.seq < b.seq`,
    );
  }
}

/**
 * Accounts as the snapshot defines them: accounts.csv, overridden field by field by the
 * account fields on deal rows (the later deal row wins). Accounts without a name anywhere
 * cannot exist and are left out (runImport warns about the deals pointing at them).
 */
export async function mergeStagedAccounts(client: pg.Client) {
  await client.query(`
    drop table if exists import_account_merged;
    create temp table import_account_merged as
    with inline as (
      -- Grouped in byte order ("C"): the same groups, sorted faster than under the database's locale.
      select external_id collate "C" as external_id,
        (array_agg(name order by seq desc) filter (where name is not null))[1] as name,
        (array_agg(url order by seq desc) filter (where url is not null))[1] as url,
        (array_agg(industry order by seq desc) filter (where industry is not null))[1] as industry,
        (array_agg(file order by seq desc))[1] as file,
        (array_agg(line order by seq desc))[1] as line
      from import_deal_account group by 1
    )
    select coalesce(l.external_id, i.external_id collate "default") as external_id,
      coalesce(i.name, l.name) as name, coalesce(i.url, l.url) as url, coalesce(i.industry, l.industry) as industry,
      coalesce(l.properties, '{}'::jsonb) as properties,
      coalesce(l.file, i.file) as file, coalesce(l.line, i.line) as line
    from import_account l full join inline i on (i.external_id collate "default") = l.external_id
    where coalesce(i.name, l.name) is not null;
    create index on import_account_merged (external_id);
    analyze import_account_merged;`);
}

/**
 * The id of a record a run inserts: the run's id, the table's initial (a run's first deal,
 * account and contact must not share an id) and a counter in `key` order, for rows inserted in
 * that same order (ORDER BY key). The primary key and the (sourceId, externalId) key then each
 * grow at one place, a page at a time, where random UUIDs sent every row to a random page of
 * both: past shared_buffers that is a page read and a page write per row, so it grew faster
 * than the table (1M rows into a table with those two keys: 8.6 s with random ids, 3.1 s so).
 */
const runOrderedId = (runId: string, table: "Deal" | "Account" | "Contact", key: string) =>
  `${runId} || '-${table[0].toLowerCase()}' || lpad((row_number() over (order by ${key}))::text, 10, '0')`;

const ACCOUNT_HASH = (m: string) => `md5(jsonb_build_object('name', ${m}.name, 'url', ${m}.url, 'industry', ${m}.industry, 'properties', ${m}.properties)::text)`;

export async function applyAccounts(client: pg.Client, sourceId: string, runId: string, mode: ScopeMode, timings = new PhaseTimings()): Promise<KindCounts> {
  // The accounts this run writes (new, changed, back after a removal), found in one pass: the
  // before-images, the bulk decision and the upsert read this short list, not every account again.
  await client.query(`
    drop table if exists import_account_write;
    create temp table import_account_write as
    select m.*, l.id as live_id from (select m.*, ${ACCOUNT_HASH("m")} as content_hash from import_account_merged m) m
      left join "Account" l on l."sourceId" = ${client.escapeLiteral(sourceId)} and l."externalId" = m.external_id
    where l.id is null or l."contentHash" <> m.content_hash or l."removedAt" is not null;
    analyze import_account_write;`);
  await saveUndoImages(client, runId, "account", `select live_id from import_account_write where live_id is not null`);
  const writing = await client.query(`select count(*) as n from import_account_write`);
  // A first import writes most of Account: then its indexes are rebuilt after the write rather
  // than maintained row by row, which also lets the deals' own bulk write skip their per-row
  // check of the key to Account (rebuildIndexesForBulkWrite).
  return rebuildIndexesForBulkWrite(client, "Account", count(writing.rows[0].n), async () => {
    const upserted = await countUpserted(
      client,
      `insert into "Account" as a (id, "sourceId", "externalId", name, url, industry, properties, "contentHash", "firstSeenRunId", "lastSeenRunId", "updatedAt")
       select ${runOrderedId("$2", "Account", "w.external_id")}, $1, w.external_id, w.name, w.url, w.industry, w.properties, w.content_hash, $2, $2, now()
       from import_account_write w order by w.external_id
       on conflict ("sourceId", "externalId") do update set
         name = excluded.name, url = excluded.url, industry = excluded.industry, properties = excluded.properties,
         "contentHash" = excluded."contentHash", "lastSeenRunId" = excluded."lastSeenRunId", "removedAt" = null, "updatedAt" = now()`,
      "import_account_merged",
      [sourceId, runId],
    );
    const removed = mode === "snapshot" ? await markRemoved(client, "Account", "accounts", "import_account_merged", sourceId, runId) : 0;
    return { ...upserted, removed };
  }, timings);
}

export async function applyContacts(client: pg.Client, sourceId: string, runId: string, mode: ScopeMode): Promise<KindCounts> {
  await saveUndoImages(
    client,
    runId,
    "contact",
    `select c.id from "Contact" c join import_contact s on c."sourceId" = $2 and c."externalId" = s.external_id
       left join "Account" a on a."sourceId" = $2 and a."externalId" = s.account_external_id
     where c."contentHash" <> s.content_hash or c."removedAt" is not null or c."accountId" is distinct from a.id`,
    [sourceId],
  );
  const upserted = await countUpserted(
    client,
    `insert into "Contact" as c (id, "sourceId", "externalId", "accountId", "firstName", "lastName", email, role, phone, "linkedinUrl",
         "reportsToExternalId", "isPrimary", properties, "contentHash", "firstSeenRunId", "lastSeenRunId", "updatedAt")
       select ${runOrderedId("$2", "Contact", "s.external_id")}, $1, s.external_id, a.id, s.first_name, s.last_name, s.email, s.role, s.phone, s.linkedin_url,
         s.reports_to_external_id, coalesce(s.is_primary, false), s.properties, s.content_hash, $2, $2, now()
       from import_contact s left join "Account" a on a."sourceId" = $1 and a."externalId" = s.account_external_id
         left join "Contact" l on l."sourceId" = $1 and l."externalId" = s.external_id
       -- Only what the upsert writes (see applyAccounts).
       where l.id is null or l."contentHash" <> s.content_hash or l."removedAt" is not null or l."accountId" is distinct from a.id
       order by s.external_id
       on conflict ("sourceId", "externalId") do update set
         "accountId" = excluded."accountId", "firstName" = excluded."firstName", "lastName" = excluded."lastName", email = excluded.email,
         role = excluded.role, phone = excluded.phone, "linkedinUrl" = excluded."linkedinUrl", "reportsToExternalId" = excluded."reportsToExternalId",
         "isPrimary" = excluded."isPrimary", properties = excluded.properties, "contentHash" = excluded."contentHash", "lastSeenRunId" = excluded."lastSeenRunId",
         "removedAt" = null, "updatedAt" = now()
       where c."contentHash" <> excluded."contentHash" or c."removedAt" is not null
         or c."accountId" is distinct from excluded."accountId"`,
    "import_contact",
    [sourceId, runId],
  );
  const removed = mode === "snapshot" ? await markRemoved(client, "Contact", "contacts", "import_contact", sourceId, runId) : 0;
  await resolveReportsTo(client, sourceId);
  return { ...upserted, removed };
}

/**
 * Runs `upsert` (an INSERT … ON CONFLICT DO UPDATE over rows staged in `staged`) and counts
 * what it did: rows it inserted are new, rows it updated changed, the other staged rows unchanged.
 */
async function countUpserted(client: pg.Client, upsert: string, staged: string, values: unknown[]): Promise<Omit<KindCounts, "removed">> {
  const result = await client.query(
    `with up as (${upsert} returning (xmax = 0) as inserted)
     select count(*) filter (where inserted) as new, count(*) filter (where not inserted) as changed,
       (select count(*) from ${staged}) as total from up`,
    values,
  );
  const row = result.rows[0];
  return { new: count(row.new), changed: count(row.changed), unchanged: count(row.total) - count(row.new) - count(row.changed) };
}

/** reports_to_id points at another contact of the same source; resolved once all contacts are in (imports and rollbacks). */
export async function resolveReportsTo(client: pg.Client, sourceId: string) {
  await client.query(
    `update "Contact" c set "reportsToId" = m.id, "updatedAt" = now()
     from "Contact" m
     where c."sourceId" = $1 and m."sourceId" = $1 and m."externalId" = c."reportsToExternalId" and m.id <> c.id
       and c."reportsToId" is distinct from m.id`,
    [sourceId],
  );
  await client.query(
    `update "Contact" c set "reportsToId" = null, "updatedAt" = now()
     where c."sourceId" = $1 and c."reportsToId" is not null
       and not exists (select 1 from "Contact" m where m.id = c."reportsToId" and m."externalId" = c."reportsToExternalId")`,
    [sourceId],
  );
}

// Field-level before → after for a changed deal, in the FieldChange shape of canonical.ts's
// diffFields (bigint as a string, dates as YYYY-MM-DD, properties key by key). `d` is the
// live deal, `s` the values it gets (import_deal's column names); rollbacks use it too.
export const DEAL_DIFF = `
  (select coalesce(jsonb_agg(jsonb_build_object('field', f.field, 'before', f.before, 'after', f.after) order by f.ord, f.field), '[]'::jsonb)
   from (
     select * from (values
       (1, 'name', to_jsonb(d.name), to_jsonb(s.name)),
       (2, 'stage', to_jsonb(d.stage), to_jsonb(s.stage)),
       (3, 'pipeline', to_jsonb(d.pipeline), to_jsonb(s.pipeline)),
       (4, 'owner', to_jsonb(d.owner), to_jsonb(s.owner)),
       (5, 'amountMinor', to_jsonb(d."amountMinor"::text), to_jsonb(s.amount_minor::text)),
       (6, 'currency', to_jsonb(d.currency), to_jsonb(s.currency)),
       (7, 'closeDate', to_jsonb(to_char(d."closeDate", 'YYYY-MM-DD')), to_jsonb(to_char(s.close_date, 'YYYY-MM-DD'))),
       (8, 'accountExternalId', to_jsonb(d."accountExternalId"), to_jsonb(s.account_external_id)),
       (9, 'sourceCreatedAt', to_jsonb(to_char(d."sourceCreatedAt", 'YYYY-MM-DD"T"HH24:MI:SS"Z"')), to_jsonb(to_char(s.source_created_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')))
     ) v(ord, field, before, after)
     union all
     select 10, 'properties.' || k, d.properties -> k, s.properties -> k
     from (select jsonb_object_keys(d.properties) union select jsonb_object_keys(s.properties)) p(k)
   ) f
   where f.before is distinct from f.after)`;

// What the deal timeline shows beside each change: the file and line, and the money as the
// import left it (base amount, base currency, the rate used). `s` is the staged deal.
const CHANGE_CONTEXT_COLUMNS = `file, line, "amountBaseMinor", "baseCurrency", "rateToBase"`;
const CHANGE_CONTEXT_VALUES = `s.file, s.line, s.amount_base_minor, s.base_currency, s.rate_to_base`;

const PROVENANCE = `jsonb_build_object('sourceId', $1::text, 'runId', $2::text, 'file', s.file, 'line', s.line)`;

/**
 * Applies the staged deals. `matched`: import_deal_match is already there (runImport diffs
 * before the review rules and applies without diffing again); else it is made here.
 */
export async function applyDeals(client: pg.Client, sourceId: string, runId: string, mode: ScopeMode, timings = new PhaseTimings(), matched = false): Promise<KindCounts> {
  const step = (phase: string, sql: string, values: unknown[] = []) => timings.time(`apply Deal: ${phase}`, () => client.query(sql, values));
  // 1. What differs: new (or back after a removal), changed, and same but to re-link.
  if (!matched) await timings.time("diff (match staged deals to live)", () => matchStagedDeals(client, sourceId));
  const sizes = await client.query(
    `select count(*) filter (where status <> 'relink') as differing,
       count(*) filter (where status = 'relink') as relink,
       (select count(*) from import_deal) as staged
     from import_deal_match`,
  );
  const size = sizes.rows[0];
  const { live, leftOut } = await countDealsLeftOut(client, sourceId);
  // Live deals the snapshot leaves out: marked removed below (when there are any).
  const removing = mode === "snapshot" ? leftOut : 0;
  const rowsWritten = count(size.relink) + count(size.differing) + removing;

  return rebuildIndexesForBulkWrite(client, "Deal", rowsWritten, async () => {
    // 2. Unchanged deals (same hash) whose account link or base amount is stale: the only
    //    unchanged rows written. Their status stays: the run did not change them.
    await step(
      "re-link unchanged",
      `update "Deal" d set "accountId" = a.id, "amountBaseMinor" = s.amount_base_minor, "updatedAt" = now()
       from import_deal_match m join import_deal s on s.seq = m.seq
         left join "Account" a on a."sourceId" = $1 and a."externalId" = s.account_external_id
       where d.id = m.deal_id and m.status = 'relink'
         and (d."accountId" is distinct from a.id or d."amountBaseMinor" is distinct from s.amount_base_minor)`,
      [sourceId],
    );

    // 3. Diffs and before-images, before the old values are overwritten.
    await timings.time("apply Deal: before-images", () => saveUndoImages(client, runId, "deal", `select deal_id from import_deal_match where status in ('changed', 'restored')`));
    await step(
      "field diffs (DealChange)",
      `insert into "DealChange" ("runId", "dealId", kind, diff, ${CHANGE_CONTEXT_COLUMNS})
       select $1, d.id, case m.status when 'restored' then 'new' else 'changed' end,
         case m.status when 'restored' then jsonb_build_object('restored', true, 'fields', ${DEAL_DIFF}) else jsonb_build_object('fields', ${DEAL_DIFF}) end,
         ${CHANGE_CONTEXT_VALUES}
       from import_deal_match m join import_deal s on s.seq = m.seq join "Deal" d on d.id = m.deal_id
       where m.status in ('changed', 'restored')`,
      [runId],
    );
    await step(
      "update changed",
      `update "Deal" d set name = s.name, stage = s.stage, pipeline = s.pipeline, owner = s.owner, "amountMinor" = s.amount_minor,
         currency = s.currency, "amountBaseMinor" = s.amount_base_minor, "closeDate" = s.close_date, "sourceCreatedAt" = s.source_created_at,
         "accountExternalId" = s.account_external_id, "accountId" = a.id, properties = s.properties, "contentHash" = s.content_hash,
         provenance = ${PROVENANCE}, "lastImportStatus" = case m.status when 'restored' then 'new' else 'changed' end,
         "lastSeenRunId" = $2, "removedAt" = null, "updatedAt" = now()
       from import_deal_match m join import_deal s on s.seq = m.seq
         left join "Account" a on a."sourceId" = $1 and a."externalId" = s.account_external_id
       where d.id = m.deal_id and m.status in ('changed', 'restored')`,
      [sourceId, runId],
    );

    // 4. New deals, with run-ordered ids in key order (runOrderedId). No DealChange row:
    //    firstSeenRunId says which run created a deal, its provenance and ImportRun.ratesUsed
    //    what the review and the timeline show of it (a quarter of this statement and a
    //    DealChange index rebuild at 200k new deals).
    await step(
      "insert new",
      `insert into "Deal" (id, "sourceId", "externalId", "accountId", "accountExternalId", name, stage, pipeline, owner, "amountMinor",
         currency, "amountBaseMinor", "closeDate", "sourceCreatedAt", properties, "contentHash", provenance, "lastImportStatus", "firstSeenRunId",
         "lastSeenRunId", "updatedAt")
       select ${runOrderedId("$2", "Deal", "s.external_id")}, $1, s.external_id, a.id, s.account_external_id, s.name, s.stage, s.pipeline, s.owner, s.amount_minor,
         s.currency, s.amount_base_minor, s.close_date, s.source_created_at, s.properties, s.content_hash, ${PROVENANCE}, 'new', $2, $2, now()
       from import_deal_match m join import_deal s on s.seq = m.seq
         left join "Account" a on a."sourceId" = $1 and a."externalId" = s.account_external_id
       where m.status = 'new'
       order by s.external_id`,
      [sourceId, runId],
    );

    const statuses = await client.query(`select status, count(*) as n from import_deal_match group by status`);
    const by = Object.fromEntries(statuses.rows.map((r) => [r.status, count(r.n)]));
    const removed = removing > 0 ? await timings.time("apply Deal: mark removed", () => markRemoved(client, "Deal", "deals", "import_deal", sourceId, runId)) : 0;
    // Every deal this run did not write is now "unchanged" in it (lib/deals/deal-import-status.ts).
    await client.query(`update "Source" set "latestDealRunId" = $2 where id = $1`, [sourceId, runId]);
    const changedOrNew = (by.new ?? 0) + (by.restored ?? 0) + (by.changed ?? 0);
    const arrived = (by.new ?? 0) + (by.restored ?? 0);
    return { new: arrived, changed: by.changed ?? 0, unchanged: count(size.staged) - changedOrNew, removed, live: live + arrived - removed };
  }, timings);
}

/**
 * import_deal_match, one pass over the staged deals and the source's live ones: those that are
 * new, back after a removal ("restored") or changed, and those with the same content whose
 * account link or base amount is stale ("relink"). An account the deal names but that does
 * not exist yet is a relink too: applying the accounts (after this diff) may create it.
 */
export async function matchStagedDeals(client: pg.Client, sourceId: string) {
  const source = client.escapeLiteral(sourceId);
  await client.query(`
    drop table if exists import_deal_match;
    create temp table import_deal_match as
    select s.seq, d.id as deal_id,
      case when d.id is null then 'new' when d."removedAt" is not null then 'restored'
           when d."contentHash" <> s.content_hash then 'changed' else 'relink' end as status
    from import_deal s left join "Deal" d on d."sourceId" = ${source} and d."externalId" = s.external_id
      left join "Account" a on a."sourceId" = ${source} and a."externalId" = s.account_external_id
    where d.id is null or d."removedAt" is not null or d."contentHash" <> s.content_hash
      or d."accountId" is distinct from a.id or (a.id is null and s.account_external_id is not null)
      or d."amountBaseMinor" is distinct from s.amount_base_minor;
    create unique index on import_deal_match (seq);
    analyze import_deal_match;`);
}

/**
 * The source's live deals, and how many of them a full snapshot leaves out (REMOVED_BY_SNAPSHOT),
 * counted from the diff (import_deal_match) rather than by another pass over the live deals:
 * live − staged deals that are live − rejected ids of live deals that are not staged.
 */
export async function countDealsLeftOut(client: pg.Client, sourceId: string): Promise<{ live: number; leftOut: number }> {
  const result = await client.query(
    `select (select count(*) from "Deal" where "sourceId" = $1 and "removedAt" is null) as live,
       (select count(*) from import_deal) - (select count(*) from import_deal_match where status in ('new', 'restored')) as staged_live,
       (select count(distinct r.external_id) from import_rejected r
          join "Deal" d on d."sourceId" = $1 and d."externalId" = r.external_id and d."removedAt" is null
        where r.kind = 'deals' and not exists (select 1 from import_deal s where s.external_id = r.external_id)) as rejected_live`,
    [sourceId],
  );
  const row = result.rows[0];
  return { live: count(row.live), leftOut: count(row.live) - count(row.staged_live) - count(row.rejected_live) };
}

/** Live records of the source ($1) that a full snapshot leaves out (alias t): neither staged nor rejected. */
export const REMOVED_BY_SNAPSHOT = (staged: string, kind: RecordKind) => `
  t."sourceId" = $1 and t."removedAt" is null
  and not exists (select 1 from ${staged} s where s.external_id = t."externalId")
  and not exists (select 1 from import_rejected r where r.kind = '${kind}' and r.external_id = t."externalId")`;

/**
 * Full snapshot: live records of the source that are neither in it nor among its rejected
 * rows are marked removed (never deleted). Deals also get a "removed" change row.
 */
async function markRemoved(client: pg.Client, table: "Deal" | "Account" | "Contact", kind: RecordKind, staged: string, sourceId: string, runId: string) {
  const status = table === "Deal" ? `, "lastImportStatus" = 'removed'` : "";
  // One statement, so the before-images and the update see the same rows.
  const result = await client.query(
    `with gone as (
       select t.id, to_jsonb(t) as before from "${table}" t where ${REMOVED_BY_SNAPSHOT(staged, kind)}
     ), undo as (
       insert into "ImportUndo" ("runId", kind, "recordId", before) select $2, '${table.toLowerCase()}', id, before from gone on conflict do nothing
     ), removed as (
       update "${table}" t set "removedAt" = now(), "lastSeenRunId" = $2, "updatedAt" = now()${status}
       from gone where t.id = gone.id
       returning t.id
     )${table === "Deal" ? `, changes as (insert into "DealChange" ("runId", "dealId", kind, diff) select $2, id, 'removed', '{}'::jsonb from removed)` : ""}
     select count(*) as n from removed`,
    [sourceId, runId],
  );
  return count(result.rows[0].n);
}
