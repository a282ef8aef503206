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
  const { problems, scopes, rejected, sourceId, runId, files } = state;
  if (!inTransaction) await problems.flush().catch(() => {});
  const deals = applied?.deals;
  const counts: ImportCounts = {
    new: deals?.new ?? 0,
    changed: deals?.changed ?? 0,
    // Deals skipped as unchanged (same ETag) are all still there, unchanged.
    unchanged: deals?.unchanged ?? (status !== "failed" && status !== "cancelled" && !scopes.has("deals") ? await getDb().deal.count({ where: { sourceId, removedAt: null } }) : 0),
    removed: deals?.removed ?? 0,
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
    `update "ImportRun" set status = $2, counts = $3, files = $4, progress = $5, error = $6, "finishedAt" = now() where id = $1`,
    [runId, status, counts, JSON.stringify(files), state.progress, error],
  );
  return { runId, status, counts, files, error, timings: state.timings.ms };
}
