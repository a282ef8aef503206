// One import run, end to end, on the run's own connection (which holds the source's lock):
// read the source's canonical batches into staging tables, then apply them to the live
// tables in one transaction together with the run's final status. Anything that goes
// wrong before COMMIT — a bad file, an S3 error, a cancel, a crash — leaves the previous
// snapshot fully visible.
import "server-only";
import type pg from "pg";
import { findCurrency } from "@/lib/currency/currency-code";
import { loadRates } from "@/lib/currency/load-rates";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { applyImportRun } from "./apply-import-run";
import { dropSupersededRows, matchStagedDeals, mergeStagedAccounts, type KindCounts } from "./apply-staged-records";
import { refuseEmptySnapshot, warnAboutMissingRates, warnAboutReferences } from "./check-staged-import";
import { finishImportRun } from "./finish-import-run";
import { checkReviewRules, holdStagedImport } from "./hold-staged-import";
import type { FileRead, ImportReader } from "./import-reader";
import type { PhaseTimes } from "./phase-timings";
import { countRejectedRows, createImportRunState, ImportCancelledError, recordRunProblems, reportImportProgress } from "./import-run-state";
import { duplicateIdProblem } from "./parse/last-wins";
import { RatesUsedRecorder } from "./rates-used";
import { stageImportBatch } from "./stage-import-batch";
import { StagingTables } from "./staging-tables";

/** held: staged and diffed, waiting for review; discarded / expired: held and never applied. */
export type ImportStatus = "running" | "succeeded" | "failed" | "cancelled" | "unchanged" | "held" | "discarded" | "expired";

export interface ImportCounts {
  /** Deals. */
  new: number;
  changed: number;
  unchanged: number;
  removed: number;
  rejected: number;
  accounts?: KindCounts & { rejected: number };
  contacts?: KindCounts & { rejected: number };
  /** Data rows read, rejected included. */
  rows: number;
  /** The source's live deals after the run, so a run that skips unchanged files need not count them. */
  liveDeals?: number;
  problems: { error: number; warning: number; info: number };
  /** Problems past the per-run cap (counted above, not stored), per code. Absent when none. */
  problemsNotStored?: Record<string, number>;
}

export interface ImportProgress {
  phase: "reading" | "applying" | "done";
  file: string | null;
  rowsProcessed: number;
  rowsPerSecond: number;
  bytesRead: number;
  totalBytes: number | null;
  updatedAt: string;
}

export interface ImportOutcome {
  runId: string;
  status: Exclude<ImportStatus, "running">;
  counts: ImportCounts;
  files: FileRead[];
  error: string | null;
  /** Where the run's time went (bench:import prints it). */
  timings: PhaseTimes;
}

export interface RunImportOptions {
  runId: string;
  sourceId: string;
  /** The run's dedicated connection; it holds the source's advisory lock. */
  client: pg.Client;
  reader: ImportReader;
  /** Aborted by a cancel in this process; other processes' cancels arrive through ImportRun.cancelRequested. */
  signal: AbortSignal;
  force?: boolean;
  /** Called with every progress update (the CLI prints them on stderr). */
  onProgress?: (progress: ImportProgress) => void;
}

export async function runImport(options: RunImportOptions): Promise<ImportOutcome> {
  const state = createImportRunState(options);
  const { client, runId, sourceId, scopes, files } = state;
  try {
    const { timings } = state;
    const [rates, previousFiles, staging] = await timings.time("rates, previous files, staging tables", () =>
      Promise.all([loadRates(), loadPreviousFiles(sourceId), StagingTables.create(client)]),
    );
    state.staging = staging;
    const events = options.reader.read({
      signal: options.signal,
      previousFiles,
      force: options.force ?? false,
      exponentOf: (currency) => findCurrency(currency)?.exponent,
    });
    const today = new Date().toISOString().slice(0, 10);
    state.ratesUsed = new RatesUsedRecorder(rates.baseCurrency, today);

    const iterator = events[Symbol.asyncIterator]();
    for (;;) {
      const readStarted = performance.now();
      const next = await iterator.next();
      timings.add("read + decode + parse", performance.now() - readStarted);
      if (next.done) break;
      const event = next.value;
      if (options.signal.aborted) throw new ImportCancelledError();
      switch (event.type) {
        case "scope":
          scopes.set(event.kind, event.mode);
          break;
        case "file":
          files.push(event.file);
          break;
        case "problems":
          await recordRunProblems(state, event.problems);
          break;
        case "reading":
          state.progress = { ...state.progress, file: event.file, bytesRead: 0, totalBytes: event.totalBytes };
          await reportImportProgress(state, true);
          break;
        default: {
          const kind = event.type;
          if (!scopes.has(kind)) throw new AppError("internal", `The reader sent ${kind} without declaring their scope`);
          await recordRunProblems(state, event.problems, kind);
          const rejectedIds = [...(event.rejectedIds ?? [])];
          if (event.progress) state.progress = { ...state.progress, file: event.progress.file, bytesRead: event.progress.bytesRead, totalBytes: event.progress.totalBytes };
          if (event.idColumn && event.progress) staging.findRepeatsOf(kind, event.progress.file, event.idColumn);
          state.rowsProcessed += event.records.length + countRejectedRows(event.problems);
          await timings.time("stage (encode, wait for COPY)", async () => {
            if (state.fileErrors.length === 0) await stageImportBatch(state, staging, event, rates, today, rejectedIds);
            if (rejectedIds.length > 0) await staging.addRejected(kind, rejectedIds);
          });
          await reportImportProgress(state);
        }
      }
    }

    if (state.fileErrors.length > 0) return await finishImportRun(state, "failed", null, state.fileErrors.join("\n"));
    if (scopes.size === 0) return await finishImportRun(state, files.some((f) => f.status === "unchanged") ? "unchanged" : "succeeded", null, null);

    state.progress = { ...state.progress, phase: "applying", file: null };
    await reportImportProgress(state, true);
    await timings.time("staging: last COPY, index, analyze", () => staging.finish());
    timings.add("staging COPY on the server (overlaps parse)", staging.copyMs);
    await timings.time("staging: duplicates, merge accounts", async () => {
      for await (const { kind, repeats } of staging.repeatedIds()) {
        await recordRunProblems(state, repeats.map((r) => duplicateIdProblem(r.file, r.line, r.earlier, r.idColumn, r.externalId)), kind);
      }
      await dropSupersededRows(client);
      if (scopes.has("accounts") || scopes.has("deals")) await mergeStagedAccounts(client);
    });
    await timings.time("checks and warnings", async () => {
      await warnAboutMissingRates(state);
      await refuseEmptySnapshot(state, staging.staged.deals);
      await warnAboutReferences(state);
      await state.problems.flush();
    });

    const { rejected } = state;
    const rejectedRows = rejected.deals + rejected.accounts + rejected.contacts;
    // One diff of the deals for the review rules, the held review and the apply.
    if (scopes.has("deals")) await timings.time("diff (match staged deals to live)", () => matchStagedDeals(client, sourceId));
    const holdReasons = await timings.time("review rules", () => checkReviewRules(client, { sourceId, scopes, rejectedRows, rowsRead: state.rowsProcessed }));
    if (holdReasons.length > 0) return await finishImportRun(state, "held", { deals: await holdStagedImport(client, { runId, sourceId, scopes, rejected, reasons: holdReasons }) }, null);

    return await applyImportRun(state);
  } catch (error) {
    if (error instanceof ImportCancelledError || options.signal.aborted) return await finishImportRun(state, "cancelled", null, "Cancelled before it finished; nothing was changed");
    const message = describeFailure(error, state.progress.file);
    if (!(error instanceof AppError)) console.error(`[dealport] import ${runId} failed:`, error);
    return await finishImportRun(state, "failed", null, message);
  } finally {
    await state.staging?.drop().catch(() => {});
  }
}

/** Files of the last run that left the source's data consistent with them. */
async function loadPreviousFiles(sourceId: string): Promise<FileRead[]> {
  const last = await getDb().importRun.findFirst({
    where: { sourceId, status: { in: ["succeeded", "unchanged"] } },
    orderBy: { startedAt: "desc" },
    select: { files: true },
  });
  return Array.isArray(last?.files) ? (last.files as unknown as FileRead[]) : [];
}

function describeFailure(error: unknown, file: string | null): string {
  if (error instanceof AppError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return file ? `Reading ${file} failed: ${message}. Nothing was changed; run the import again.` : `The import failed: ${message}. Nothing was changed.`;
}
