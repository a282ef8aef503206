import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { FileRead } from "./import-reader";
import type { HoldReason } from "./review-rules";
import type { ImportCounts, ImportProgress, ImportStatus } from "./run-import";
import { listImportRunsSchema } from "./schemas";

export interface ImportRunView {
  id: string;
  number: number;
  source: { id: string; name: string; format: string | null; kind: string };
  status: ImportStatus;
  trigger: string;
  startedBy: { id: string; email: string } | null;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number;
  counts: Partial<ImportCounts>;
  progress: Partial<ImportProgress>;
  files: FileRead[];
  error: string | null;
  cancelRequested: boolean;
  /** Held for review: why, when the diff was taken, when it expires, the staging it uses. */
  hold: { reasons: HoldReason[]; heldAt: Date | null; expiresAt: Date | null; stagedBytes: number | null } | null;
  /** This run rolled back that one. */
  rollbackOf: { id: string; number: number } | null;
  /** That run rolled this one back. */
  rolledBackBy: { id: string; number: number } | null;
}

type Row = Awaited<ReturnType<typeof findRuns>>[number];

function findRuns(where: { sourceId?: string; id?: string; status?: string }, take: number) {
  return getDb().importRun.findMany({ where, orderBy: { startedAt: "desc" }, take, include: { source: { select: { id: true, name: true, format: true, kind: true } } } });
}

async function toViews(rows: Row[]): Promise<ImportRunView[]> {
  const userIds = [...new Set(rows.map((r) => r.startedById).filter((id): id is string => !!id))];
  const users = userIds.length ? await getDb().user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }) : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  const relatedIds = [...new Set(rows.flatMap((r) => [r.rollbackOfRunId, r.rolledBackByRunId]).filter((id): id is string => !!id))];
  const related = relatedIds.length ? await getDb().importRun.findMany({ where: { id: { in: relatedIds } }, select: { id: true, number: true } }) : [];
  const runById = new Map(related.map((r) => [r.id, r]));
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    source: r.source,
    status: r.status as ImportStatus,
    trigger: r.trigger,
    startedBy: r.startedById ? (byId.get(r.startedById) ?? { id: r.startedById, email: "(deleted user)" }) : null,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    // Running: time so far.
    durationMs: (r.finishedAt ?? new Date()).getTime() - r.startedAt.getTime(),
    counts: r.counts as Partial<ImportCounts>,
    progress: r.progress as Partial<ImportProgress>,
    files: Array.isArray(r.files) ? (r.files as unknown as FileRead[]) : [],
    error: r.error,
    cancelRequested: r.cancelRequested,
    hold: r.holdReasons
      ? { reasons: r.holdReasons as unknown as HoldReason[], heldAt: r.heldAt, expiresAt: r.expiresAt, stagedBytes: r.stagedBytes === null ? null : Number(r.stagedBytes) }
      : null,
    rollbackOf: r.rollbackOfRunId ? (runById.get(r.rollbackOfRunId) ?? null) : null,
    rolledBackBy: r.rolledBackByRunId ? (runById.get(r.rolledBackByRunId) ?? null) : null,
  }));
}

/** Latest runs first, optionally of one source. */
export async function listImportRuns(input: { sourceId?: string; status?: string; limit?: number | string } = {}): Promise<ImportRunView[]> {
  const { sourceId, status, limit } = listImportRunsSchema.parse(input);
  return toViews(await findRuns({ ...(sourceId ? { sourceId } : {}), ...(status ? { status } : {}) }, limit));
}

/** "Needs review": held runs waiting for a decision (the navigation's count). */
export async function countHeldImports(): Promise<number> {
  return getDb().importRun.count({ where: { status: "held" } });
}

export async function getImportRun(id: string): Promise<ImportRunView> {
  const [run] = await toViews(await findRuns({ id }, 1));
  if (!run) throw new AppError("not_found", `No import run with id ${id}`);
  return run;
}
