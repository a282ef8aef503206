// Starting an import: take the source's lock on a dedicated connection, record the run,
// and run it in the background (the API and the UI answer at once; the CLI awaits `done`).
import "server-only";
import type pg from "pg";
import type { Actor } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb, Prisma } from "@/lib/db/client";
import { connectPg } from "@/lib/db/connect-pg";
import { AppError } from "@/lib/errors";
import { findSource } from "@/lib/sources/list-sources";
import { sourceKind } from "@/lib/sources/registry";
import type { OpenedReader, SourceKindModule } from "@/lib/sources/source-kind";
import type { ImportReader } from "./import-reader";
import { tryLockSource, unlockSource } from "./import-lock";
import { notifyHeldImport } from "./notify-held-import";
import { runImport, type ImportOutcome, type ImportProgress } from "./run-import";
import type { ImportTrigger } from "./schemas";

export interface StartImportOptions {
  /** Source id or name. */
  source: string;
  trigger: ImportTrigger;
  actor: Actor | null;
  force?: boolean;
  /** Tests and benchmarks: a reader tuned beyond the source's settings (default: its kind's, lib/sources/registry.ts). */
  reader?: () => Promise<ImportReader>;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * A scheduled start: refused (conflict) when a run of the source started after this
   * instant — another process's scheduler got there first. Checked under the source's lock, so
   * two schedulers that both found the source due start it once.
   */
  skipIfStartedSince?: Date;
}

export interface StartedImport {
  runId: string;
  sourceId: string;
  sourceName: string;
  /** Settles when the run has finished (never rejects: failures are outcomes). */
  done: Promise<StartedImportOutcome>;
}

/** The outcome plus the reader's own line about what it read (an Exact Sales pull: mode, window, savepoint). */
export type StartedImportOutcome = ImportOutcome & { note: string | null };

// Runs of this process, so a cancel here stops reading at once (other processes poll cancelRequested).
const activeRuns: Map<string, AbortController> = ((globalThis as { dealportActiveImports?: Map<string, AbortController> }).dealportActiveImports ??= new Map());

export function abortActiveRun(runId: string): boolean {
  const controller = activeRuns.get(runId);
  controller?.abort();
  return controller !== undefined;
}

export async function startImport(options: StartImportOptions): Promise<StartedImport> {
  const source = await findSource(options.source);
  // A kind this version does not know fails here, before a run exists (the scheduler records why).
  const kind = sourceKind(source.kind, source.name);
  const client = await connectPg("dealport-import", { bulk: true });
  let runId: string;
  try {
    if (!(await tryLockSource(client, source.id))) {
      const running = await getDb().importRun.findFirst({ where: { sourceId: source.id, status: "running" }, orderBy: { startedAt: "desc" } });
      throw new AppError(
        "conflict",
        `An import of "${source.name}" is already running${running ? ` (run ${running.id}, started ${running.startedAt.toISOString()})` : ""}; wait for it or cancel it`,
        { runId: running?.id ?? null },
      );
    }
    if (options.skipIfStartedSince) {
      // Runs still marked running are not counted: we hold the lock, so their process is gone.
      const recent = await getDb().importRun.findFirst({
        where: { sourceId: source.id, startedAt: { gt: options.skipIfStartedSince }, status: { notIn: ["queued", "running"] } },
        select: { id: true },
      });
      if (recent) throw new AppError("conflict", `"${source.name}" was imported since ${options.skipIfStartedSince.toISOString()} (run ${recent.id})`, { runId: recent.id });
    }
    // We hold the lock, so any run still marked running lost its process.
    await getDb().importRun.updateMany({
      where: { sourceId: source.id, status: { in: ["queued", "running"] } },
      data: { status: "failed", error: "Interrupted: the process running this import stopped before it finished; nothing was changed", finishedAt: new Date() },
    });
    const run = await getDb().importRun.create({
      data: { sourceId: source.id, status: "running", trigger: options.trigger, startedById: options.actor?.id ?? null },
    });
    runId = run.id;
    await recordAuditEvent({
      actor: options.actor,
      action: "import.start",
      target: { type: "import_run", id: run.id },
      summary: `Started ${options.force ? "a forced " : "an "}import of "${source.name}" (${options.trigger})`,
      details: { sourceId: source.id, trigger: options.trigger, force: options.force ?? false },
    });
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }

  const controller = new AbortController();
  activeRuns.set(runId, controller);
  const done = execute(client, runId, source, kind, options, controller).finally(() => activeRuns.delete(runId));
  return { runId, sourceId: source.id, sourceName: source.name, done };
}

async function execute(
  client: pg.Client,
  runId: string,
  source: Awaited<ReturnType<typeof findSource>>,
  kind: SourceKindModule<object>,
  options: StartImportOptions,
  controller: AbortController,
): Promise<StartedImportOutcome> {
  let opened: OpenedReader | null = null;
  try {
    let reader: ImportReader;
    try {
      // Opened once the run holds the lock, so state the reader reads (a savepoint) is the one this run may move.
      opened = options.reader ? { reader: await options.reader(), close: () => {} } : await kind.openReader(source);
      reader = opened.reader;
    } catch (error) {
      // The source could not be opened (credential, endpoint policy): the run fails with that reason.
      reader = failingReader(error);
    }
    const outcome = await runImport({ runId, sourceId: source.id, client, reader, signal: controller.signal, force: options.force, onProgress: options.onProgress });
    await recordAuditEvent({
      actor: options.actor,
      action: "import.finish",
      target: { type: "import_run", id: runId },
      summary: `Import of "${source.name}" ${outcome.status}: ${outcome.counts.new} new, ${outcome.counts.changed} changed, ${outcome.counts.removed} removed, ${outcome.counts.rejected} rejected`,
      details: { sourceId: source.id, status: outcome.status, counts: outcome.counts as unknown as Prisma.InputJsonValue, error: outcome.error },
    }).catch((error) => console.error(`[dealport] could not audit import ${runId}:`, error));
    if (outcome.status === "held") await notifyHeldImport(runId).catch((error) => console.error(`[dealport] review webhook for ${runId}:`, error));
    return { ...outcome, note: reader.describeRead?.() ?? null };
  } finally {
    opened?.close();
    await unlockSource(client, source.id).catch(() => {});
    await client.end().catch(() => {});
  }
}

function failingReader(error: unknown): ImportReader {
  return {
    missingRate: "keep",
    read: () => ({
      [Symbol.asyncIterator]: () => ({
        next: () => Promise.reject(error),
      }),
    }),
  };
}
