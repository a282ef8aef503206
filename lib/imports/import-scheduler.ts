// The in-process scheduler: every minute, start an import for each source whose
// scheduleMinutes have passed since its last run. It runs inside the app server (started
// from instrumentation.ts) and in `dealport worker`. Several processes may run it against
// one database: each due import starts once, because the start takes the source's advisory
// lock and, holding it, checks that no other process's run started in this interval (the
// others' attempts are refused and skipped). A run whose process died (its lock is free but
// it is still marked running) is taken over at the next tick: the start marks it interrupted
// and runs the import again. A source with a run held for review is skipped until someone
// approves or discards it (its drop would only be held again), and held runs past their
// expiry are expired here.
import "server-only";
import { classifyFailure } from "@/lib/classify-failure";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { expireHeldImports } from "./discard-held-import";
import { startImport } from "./start-import";

/** Starts the imports that are due now; returns the ids of the runs started (or recorded as failed to start). */
export async function startDueImports(now = new Date(), log: (line: string) => void = () => {}): Promise<string[]> {
  for (const runId of await expireHeldImports(now)) log(`Held import run ${runId} expired without a decision`);
  const sources = await getDb().source.findMany({
    where: { scheduleMinutes: { not: null }, runs: { none: { status: "held" } } },
    select: { id: true, name: true, scheduleMinutes: true, runs: { orderBy: { startedAt: "desc" }, take: 1, select: { startedAt: true, status: true } } },
  });
  const started: string[] = [];
  for (const source of sources) {
    const last = source.runs[0];
    const since = new Date(now.getTime() - source.scheduleMinutes! * 60_000);
    // A run still marked running is tried too: refused while its process lives, taken over once it has died.
    if (last && last.status !== "running" && last.startedAt > since) continue;
    try {
      // Every kind starts the same way: startImport opens the reader its registry line gives.
      const run = await startImport({ source: source.id, trigger: "schedule", actor: null, skipIfStartedSince: since });
      started.push(run.runId);
      log(`Scheduled import of "${source.name}" started (run ${run.runId})`);
      void run.done.then((outcome) => log(`Scheduled import of "${source.name}" ${outcome.status}`));
    } catch (error) {
      if (error instanceof AppError && error.code === "conflict") continue;
      // Failed before a run existed: record one anyway, so the Imports page says why and
      // the next try waits a full interval instead of every tick.
      const { reason } = classifyFailure(error);
      const run = await getDb().importRun.create({ data: { sourceId: source.id, status: "failed", trigger: "schedule", error: reason, finishedAt: new Date() } });
      started.push(run.id);
      log(`Scheduled import of "${source.name}" could not start (run ${run.id}): ${reason}`);
    }
  }
  return started;
}

export interface ImportScheduler {
  stop(): void;
}

const TICK_MS = 60_000;

export function startImportScheduler(log: (line: string) => void = (line) => console.log(`[dealport] ${line}`), tickMs = TICK_MS): ImportScheduler {
  const global = globalThis as { dealportImportScheduler?: ImportScheduler };
  // Dev-mode reloads re-run module code: keep one scheduler per process.
  if (global.dealportImportScheduler) return global.dealportImportScheduler;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await startDueImports(new Date(), log);
    } catch (error) {
      log(`Import scheduler tick failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), tickMs);
  timer.unref();
  const scheduler = {
    stop() {
      clearInterval(timer);
      global.dealportImportScheduler = undefined;
    },
  };
  global.dealportImportScheduler = scheduler;
  return scheduler;
}
