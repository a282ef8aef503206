// The push worker: claims due items, processes up to `concurrency` at once, keeps run
// counts fresh, and handles snapshot destinations a run at a time. Runs in the app
// process (start-background-worker.ts), as `dealport worker`, or inside `dealport push`.
import "server-only";
import { DESTINATION_MODULES } from "@/lib/destinations/registry";
import { getDb } from "@/lib/db/client";
import { claimItems } from "./claim-items";
import { processClaimedItem } from "./process-claimed-item";
import { processSnapshotRuns } from "./process-snapshot-runs";
import { refreshRuns } from "./refresh-runs";
import { createWorkerContext, type WorkerSettings } from "./worker-context";

export type SyncWorkerOptions = Partial<WorkerSettings> & {
  signal?: AbortSignal;
  /** Only this run's items (the CLI's `push` follows its own run). */
  runId?: string;
  /** Return once nothing is pending or sending (for runId, or anywhere). */
  stopWhenIdle?: boolean;
  /** Called with fresh counts of the runs that moved. */
  onProgress?: (runIds: string[]) => void | Promise<void>;
};

const PER_DEAL_KINDS = Object.values(DESTINATION_MODULES).filter((m) => m.delivery === "per_deal").map((m) => m.kind);
const SNAPSHOT_KINDS = Object.values(DESTINATION_MODULES).filter((m) => m.delivery === "snapshot").map((m) => m.kind);
const REFRESH_EVERY_MS = 500;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      // The long-lived worker's signal would otherwise collect one listener per poll.
      signal?.removeEventListener("abort", wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    signal?.addEventListener("abort", wake, { once: true });
  });

/** Anything still to do (due now or later) in active runs. */
async function hasOpenItems(runId?: string) {
  const open = await getDb().syncItem.findFirst({
    where: { state: { in: ["pending", "sending"] }, run: { dryRun: false, status: { in: ["queued", "running"] }, ...(runId ? { id: runId } : {}) } },
    select: { id: true },
  });
  return open !== null;
}

export async function runSyncWorker(options: SyncWorkerOptions = {}) {
  const ctx = createWorkerContext(options);
  const { signal, runId } = options;
  const inFlight = new Set<Promise<void>>();
  const inFlightIds = new Set<bigint>();
  const dirty = new Set<string>();
  let lastRefresh = 0;
  // The lease is a liveness signal: while this worker lives, its items' leases keep
  // moving, however long they wait for the rate limiter. Only a dead worker's lapse.
  const heartbeat = setInterval(() => {
    if (!inFlightIds.size) return;
    void getDb()
      .syncItem.updateMany({
        where: { id: { in: [...inFlightIds] }, claimedBy: ctx.settings.workerId, state: "sending" },
        data: { leaseUntil: new Date(Date.now() + ctx.settings.leaseMs) },
      })
      .catch(() => {});
  }, Math.max(50, Math.floor(ctx.settings.leaseMs / 3)));

  const flush = async (force = false) => {
    if (!dirty.size || (!force && Date.now() - lastRefresh < REFRESH_EVERY_MS)) return;
    const ids = [...dirty];
    dirty.clear();
    lastRefresh = Date.now();
    await refreshRuns(ids);
    await options.onProgress?.(ids);
  };

  while (!signal?.aborted) {
    const free = ctx.settings.concurrency - inFlight.size;
    const claimed = await claimItems({ workerId: ctx.settings.workerId, limit: free, leaseMs: ctx.settings.leaseMs, kinds: PER_DEAL_KINDS, runId });
    if (claimed.length) {
      const started = [...new Set(claimed.map((c) => c.runId))];
      await getDb().syncRun.updateMany({ where: { id: { in: started }, status: "queued" }, data: { status: "running", startedAt: new Date() } });
    }
    for (const item of claimed) {
      inFlightIds.add(item.id);
      const task: Promise<void> = processClaimedItem(item, ctx)
        .catch((err: unknown) => console.error(`[dealport] sync item ${item.id} failed unexpectedly:`, err instanceof Error ? err.message : err))
        .finally(() => {
          inFlight.delete(task);
          inFlightIds.delete(item.id);
          dirty.add(item.runId);
        });
      inFlight.add(task);
    }
    if (inFlight.size >= ctx.settings.concurrency || (claimed.length && inFlight.size)) {
      await Promise.race(inFlight);
      await flush();
      continue;
    }
    if (inFlight.size) {
      await Promise.race([...inFlight, sleep(ctx.settings.pollMs, signal)]);
      await flush();
      continue;
    }
    const settled = await processSnapshotRuns(ctx, SNAPSHOT_KINDS, runId);
    await flush(true);
    if (settled) continue;
    if (options.stopWhenIdle && !(await hasOpenItems(runId))) break;
    await sleep(ctx.settings.pollMs, signal);
  }
  await Promise.allSettled(inFlight);
  clearInterval(heartbeat);
  await flush(true);
}
