// Hold for review: before a run applies its staged snapshot, the source's review rules are
// checked against the diff; a run that trips one keeps its staging (the session temp tables,
// one JSON row each in StagedImportRow) and its diff against the live data, and changes
// nothing live. approveHeldImport later applies exactly that staging.
import type pg from "pg";
import { AppError } from "@/lib/errors";
import { countDealsLeftOut, DEAL_DIFF, REMOVED_BY_SNAPSHOT, type KindCounts, type ScopeMode } from "./apply-staged-records";
import { heldStagingLimitBytes } from "./held-staging-space";
import type { RecordKind } from "./import-reader";
import { recordRunEvent } from "./record-run-event";
import { evaluateReviewRules, readReviewRules, type HoldReason, type StagedDiffStats } from "./review-rules";

/** What approving needs besides the staged rows: how each kind was read, and what was rejected. */
export interface HeldMeta {
  scopes: Partial<Record<RecordKind, ScopeMode>>;
  rejected: Record<RecordKind, number>;
}

export interface ReviewInput {
  sourceId: string;
  scopes: ReadonlyMap<RecordKind, ScopeMode>;
  rejectedRows: number;
  rowsRead: number;
}

/** The rules the staged run trips (empty: apply it). Reads only; the deals' diff is import_deal_match (matchStagedDeals). */
export async function checkReviewRules(client: pg.Client, input: ReviewInput): Promise<HoldReason[]> {
  const source = await client.query(`select "reviewRules" from "Source" where id = $1`, [input.sourceId]);
  const rules = readReviewRules(source.rows[0]?.reviewRules);
  if (rules.mode === "never") return [];
  const snapshot = input.scopes.get("deals") === "snapshot";
  let staged = { new: 0, changed: 0 };
  const deals = input.scopes.has("deals")
    ? await countDealsLeftOut(client, input.sourceId)
    : { live: Number((await client.query(`select count(*) as n from "Deal" where "sourceId" = $1 and "removedAt" is null`, [input.sourceId])).rows[0].n), leftOut: 0 };
  if (input.scopes.has("deals")) {
    const result = await client.query(
      `select count(*) filter (where status in ('new', 'restored')) as new, count(*) filter (where status = 'changed') as changed from import_deal_match`,
    );
    staged = { new: Number(result.rows[0].new), changed: Number(result.rows[0].changed) };
  }
  const previous = await client.query(
    `select (counts ->> 'rows')::bigint as rows from "ImportRun"
     where "sourceId" = $1 and status = 'succeeded' and "rollbackOfRunId" is null and counts ? 'rows' order by "finishedAt" desc limit 1`,
    [input.sourceId],
  );
  const stats: StagedDiffStats = {
    liveDeals: deals.live,
    newDeals: staged.new,
    changedDeals: staged.changed,
    removedDeals: snapshot ? deals.leftOut : 0,
    rejectedRows: input.rejectedRows,
    rowsRead: input.rowsRead,
    previousRows: previous.rows[0] ? Number(previous.rows[0].rows) : null,
    snapshot,
  };
  return evaluateReviewRules(rules, stats);
}

export interface HoldInput {
  runId: string;
  sourceId: string;
  scopes: ReadonlyMap<RecordKind, ScopeMode>;
  rejected: Record<RecordKind, number>;
  reasons: HoldReason[];
}

/**
 * Keeps the run's staging and its deal diff, marks the run held and records why, in one
 * transaction. Refused (the run fails, nothing applied) when held runs would outgrow their
 * staging space. Returns the deal counts of the diff.
 */
export async function holdStagedImport(client: pg.Client, input: HoldInput): Promise<KindCounts> {
  const { runId, sourceId } = input;
  const meta: HeldMeta = { scopes: Object.fromEntries(input.scopes), rejected: input.rejected };
  await client.query("begin");
  try {
    await saveStagedRows(client, runId, input.scopes);
    await client.query(`insert into "StagedImportRow" ("runId", kind, seq, data) values ($1, 'meta', 0, $2)`, [runId, JSON.stringify(meta)]);
    await saveHeldDiff(client, sourceId, runId, meta);
    const size = await client.query(`select coalesce(sum(pg_column_size(data)), 0) as bytes from "StagedImportRow" where "runId" = $1`, [runId]);
    const bytes = Number(size.rows[0].bytes);
    const used = await client.query(`select coalesce(sum("stagedBytes"), 0) as bytes from "ImportRun" where status = 'held' and id <> $1`, [runId]);
    const limit = heldStagingLimitBytes();
    if (Number(used.rows[0].bytes) + bytes > limit) {
      const mb = (n: number) => `${Math.ceil(n / 1024 / 1024)} MB`;
      throw new AppError(
        "conflict",
        `This run tripped a review rule (${input.reasons.map((r) => r.message).join("; ")}) but holding it needs ${mb(bytes)} of staging space and held runs already use ${mb(Number(used.rows[0].bytes))} of ${mb(limit)}; nothing was changed. Approve or discard held runs (Imports → Needs review), then run it again.`,
      );
    }
    const source = await client.query(`select name, "reviewRules" from "Source" where id = $1`, [sourceId]);
    const days = readReviewRules(source.rows[0]?.reviewRules).expiryDays;
    await client.query(
      `update "ImportRun" set "holdReasons" = $2, "heldAt" = now(), "expiresAt" = now() + make_interval(days => $3), "stagedBytes" = $4 where id = $1`,
      [runId, JSON.stringify(input.reasons), days, bytes],
    );
    await recordRunEvent(client, {
      runId,
      kind: "held",
      actor: null,
      summary: `Held the import of "${source.rows[0]?.name}" for review: ${input.reasons.map((r) => r.message).join("; ")}`,
      details: { reasons: input.reasons, stagedBytes: bytes },
    });
    const counts = await heldDealCounts(client, runId);
    await client.query("commit");
    return counts;
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  }
}

async function saveStagedRows(client: pg.Client, runId: string, scopes: ReadonlyMap<RecordKind, ScopeMode>) {
  const save = (kind: string, table: string, seq: string) =>
    client.query(`insert into "StagedImportRow" ("runId", kind, seq, data) select $1, '${kind}', ${seq}, to_jsonb(t) from ${table} t`, [runId]);
  if (scopes.has("deals")) await save("deal", "import_deal", "seq");
  if (scopes.has("deals") || scopes.has("accounts")) await save("account_merged", "import_account_merged", "row_number() over ()");
  if (scopes.has("contacts")) await save("contact", "import_contact", "seq");
  await save("rejected", "import_rejected", "row_number() over ()");
}

const STAGED_DEAL_VIEW = `jsonb_build_object('id', d.id, 'externalId', s.external_id, 'name', s.name, 'stage', s.stage, 'pipeline', s.pipeline,
  'owner', s.owner, 'amountMinor', s.amount_minor::text, 'currency', s.currency, 'closeDate', s.close_date)`;
const LIVE_DEAL_VIEW = `jsonb_build_object('id', t.id, 'externalId', t."externalId", 'name', t.name, 'stage', t.stage, 'pipeline', t.pipeline,
  'owner', t.owner, 'amountMinor', t."amountMinor"::text, 'currency', t.currency, 'closeDate', t."closeDate")`;

/**
 * The review of a held run: new / changed (field by field) / removed deals against the live
 * data now (import_deal_match, made by matchStagedDeals), as applyDeals would write them.
 * Replaces an earlier one (re-diff).
 */
export async function saveHeldDiff(client: pg.Client, sourceId: string, runId: string, meta: HeldMeta) {
  await client.query(`delete from "StagedImportRow" where "runId" = $1 and kind = 'change'`, [runId]);
  if (!meta.scopes.deals) return;
  const removed = meta.scopes.deals === "snapshot"
    ? `union all
       select 3, t."externalId", jsonb_build_object('kind', 'removed', 'restored', false, 'fields', '[]'::jsonb, 'deal', ${LIVE_DEAL_VIEW})
       from "Deal" t where ${REMOVED_BY_SNAPSHOT("import_deal", "deals")}`
    : "";
  await client.query(
    `insert into "StagedImportRow" ("runId", kind, seq, data)
     select $2, 'change', row_number() over (order by x.ord, x.external_id), x.data from (
       select case m.status when 'changed' then 2 else 1 end as ord, s.external_id,
         jsonb_build_object('kind', case m.status when 'changed' then 'changed' else 'new' end, 'restored', m.status = 'restored',
           'fields', case when m.status = 'new' then '[]'::jsonb else ${DEAL_DIFF} end, 'deal', ${STAGED_DEAL_VIEW}) as data
       from import_deal_match m join import_deal s on s.seq = m.seq left join "Deal" d on d.id = m.deal_id
       where m.status <> 'relink'
       ${removed}
     ) x`,
    [sourceId, runId],
  );
}

export async function heldDealCounts(client: pg.Client, runId: string): Promise<KindCounts> {
  const result = await client.query(
    `select count(*) filter (where kind = 'change' and data ->> 'kind' = 'new') as new,
       count(*) filter (where kind = 'change' and data ->> 'kind' = 'changed') as changed,
       count(*) filter (where kind = 'change' and data ->> 'kind' = 'removed') as removed,
       count(*) filter (where kind = 'deal') as staged
     from "StagedImportRow" where "runId" = $1`,
    [runId],
  );
  const r = result.rows[0];
  const [created, changed, removed, staged] = [r.new, r.changed, r.removed, r.staged].map(Number);
  return { new: created, changed, unchanged: staged - created - changed, removed };
}
