// The run's final status, counts, files and progress, written to ImportRun. A succeeded run
// writes it inside the apply transaction, so the status and the data commit together.
import "server-only";
import { getDb } from "@/lib/db/client";
import type { KindCounts } from "./apply-staged-records";
import type { RecordKind } from "./import-reader";
import type { ImportRunState } from "./import-run-state";
import type { ImportCounts, ImportOutcome } from "./run-import";

export async function finishImportRun(
  state: ImportRunState,
  status: ImportOutcome["status"],
  applied: Partial<Record<RecordKind, KindCounts>> | null,
  error: string | null,
  inTransaction = false,
): Promise<ImportOutcome> {
  const { problems, scopes, rejected, runId, files } = state;
  if (!inTransaction) await problems.flush().catch(() => {});
  const deals = applied?.deals;
  // Deals skipped as unchanged (same ETag) are all still there, unchanged.
  const skippedDeals = !deals && status !== "failed" && status !== "cancelled" && !scopes.has("deals") ? await countLiveDeals(state) : undefined;
  const counts: ImportCounts = {
    new: deals?.new ?? 0,
    changed: deals?.changed ?? 0,
    unchanged: deals?.unchanged ?? skippedDeals ?? 0,
    removed: deals?.removed ?? 0,
    ...(status === "succeeded" || status === "unchanged" ? { liveDeals: deals?.live ?? skippedDeals } : {}),
    rejected: rejected.deals,
    ...(applied?.accounts ? { accounts: { ...applied.accounts, rejected: rejected.accounts } } : {}),
    ...(applied?.contacts ? { contacts: { ...applied.contacts, rejected: rejected.contacts } } : {}),
    rows: state.rowsProcessed,
    problems: { ...problems.counts },
    ...(Object.keys(problems.notStored).length > 0 ? { problemsNotStored: { ...problems.notStored } } : {}),
  };
  state.progress = { ...state.progress, phase: "done", rowsProcessed: state.rowsProcessed, updatedAt: new Date().toISOString() };
  state.options.onProgress?.(state.progress);
  await state.client.query(
    `update "ImportRun" set status = $2, counts = $3, files = $4, progress = $5, error = $6, "ratesUsed" = $7, "finishedAt" = now() where id = $1`,
    [runId, status, counts, JSON.stringify(files), state.progress, error, scopes.has("deals") && state.ratesUsed ? JSON.stringify(state.ratesUsed) : null],
  );
  return { runId, status, counts, files, error, timings: state.timings.ms };
}

/**
 * The source's live deals: as the last applied run of the source left them when it recorded
 * them (rollbacks do not), else counted — a full scan of the source's deals at a million rows.
 */
async function countLiveDeals({ client, sourceId, runId }: ImportRunState): Promise<number> {
  const last = await client.query(
    `select (counts ->> 'liveDeals')::bigint as live from "ImportRun"
     where "sourceId" = $1 and id <> $2 and status in ('succeeded', 'unchanged') order by "finishedAt" desc nulls last limit 1`,
    [sourceId, runId],
  );
  const live = last.rows[0]?.live;
  if (live !== null && live !== undefined) return Number(live);
  return getDb().deal.count({ where: { sourceId, removedAt: null } });
}
