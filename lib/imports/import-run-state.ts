// The state one import run carries from its first batch to its final status, in one object
// the run's steps (stage, check, apply, finish) take explicitly instead of sharing closures.
import "server-only";
import type pg from "pg";
import type { ScopeMode } from "./apply-staged-records";
import type { FileRead, RecordKind } from "./import-reader";
import { ImportProblemWriter, type RunProblem } from "./import-problem-writer";
import { PhaseTimings } from "./phase-timings";
import type { RatesUsedRecorder } from "./rates-used";
import type { ImportProgress, RunImportOptions } from "./run-import";
import type { StagingTables } from "./staging-tables";

export interface MissingRate {
  count: number;
  file: string;
  line: number;
  message: string;
}

export interface ImportRunState {
  readonly options: RunImportOptions;
  readonly client: pg.Client;
  readonly runId: string;
  readonly sourceId: string;
  readonly started: number;
  readonly problems: ImportProblemWriter;
  readonly files: FileRead[];
  /** The kinds the reader declared, and whether each is a full snapshot. */
  readonly scopes: Map<RecordKind, ScopeMode>;
  /** Rejected rows per kind. */
  readonly rejected: Record<RecordKind, number>;
  /** File-level errors: any of them fails the run once reading ends. */
  readonly fileErrors: string[];
  /** Deals kept without a base amount, per currency (reported once each). */
  readonly missingRates: Map<string, MissingRate>;
  /** The rates deal amounts were converted with, kept on the run (./rates-used.ts); set once the rates are loaded. */
  ratesUsed: RatesUsedRecorder | null;
  rowsProcessed: number;
  progress: ImportProgress;
  lastProgressAt: number;
  staging: StagingTables | null;
  readonly timings: PhaseTimings;
}

const PROGRESS_EVERY_MS = 500;

export class ImportCancelledError extends Error {
  constructor() {
    super("Cancelled");
    this.name = "ImportCancelledError";
  }
}

export function createImportRunState(options: RunImportOptions): ImportRunState {
  return {
    options,
    client: options.client,
    runId: options.runId,
    sourceId: options.sourceId,
    started: Date.now(),
    problems: new ImportProblemWriter(options.client, options.runId),
    files: [],
    scopes: new Map(),
    rejected: { deals: 0, accounts: 0, contacts: 0 },
    fileErrors: [],
    missingRates: new Map(),
    ratesUsed: null,
    rowsProcessed: 0,
    progress: { phase: "reading", file: null, rowsProcessed: 0, rowsPerSecond: 0, bytesRead: 0, totalBytes: null, updatedAt: new Date().toISOString() },
    lastProgressAt: 0,
    staging: null,
    timings: new PhaseTimings(),
  };
}

/** Stores problems (file-level errors fail the run later) and counts the rows they reject. */
export async function recordRunProblems(state: ImportRunState, list: readonly RunProblem[], kind?: RecordKind) {
  for (const problem of list) if (problem.severity === "error" && problem.line === null) state.fileErrors.push(problem.message);
  if (kind) state.rejected[kind] += countRejectedRows(list);
  await state.problems.add(list);
}

export function countRejectedRows(list: readonly RunProblem[]): number {
  const lines = new Set<string>();
  for (const problem of list) if (problem.severity === "error" && problem.line !== null) lines.add(`${problem.file}:${problem.line}`);
  return lines.size;
}

/**
 * Publishes progress (at most every PROGRESS_EVERY_MS unless forced) and checks for a cancel
 * from this process or another one (ImportRun.cancelRequested).
 */
export async function reportImportProgress(state: ImportRunState, force = false) {
  const now = Date.now();
  if (!force && now - state.lastProgressAt < PROGRESS_EVERY_MS) return;
  state.lastProgressAt = now;
  const seconds = Math.max((now - state.started) / 1000, 0.001);
  state.progress = { ...state.progress, rowsProcessed: state.rowsProcessed, rowsPerSecond: Math.round(state.rowsProcessed / seconds), updatedAt: new Date(now).toISOString() };
  state.options.onProgress?.(state.progress);
  await state.problems.flush();
  const result = await state.client.query(`update "ImportRun" set progress = $2 where id = $1 returning "cancelRequested"`, [state.runId, state.progress]);
  if (result.rows[0]?.cancelRequested || state.options.signal.aborted) throw new ImportCancelledError();
}
