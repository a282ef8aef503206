// The push worker: claims due items, processes up to `concurrency` at once, keeps run
// counts fresh, and handles snapshot destinations a run at a time. Runs in the app
// process (start-background-worker.ts), as `dealport worker`, or inside `dealport push`.
import "server-only";
import { DESTINATION_MODULES } from "@/lib/destinations/registry";
import { getDb } from "@/lib/db/client";
import { loadDealsForPush } from "@/lib/destinations/load-deals-for-push";
import type { DealForPush } from "@/lib/destinations/types";
import { claimItems, type ClaimedItem } from "./claim-items";
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

/**
 * The claimed items' deals, loaded per destination in one go. Undefined when that fails
 * (a database hiccup): each item then loads its own and meets the error on its own path.
 */
async function preloadDeals(claimed: ClaimedItem[]): Promise<Map<string, DealForPush> | undefined> {
  const byDestination = new Map<string, string[]>();
  for (const item of claimed) byDestination.set(item.destinationId, [...(byDestination.get(item.destinationId) ?? []), item.dealId]);
  try {
    const loaded = await Promise.all(
      [...byDestination].map(async ([destinationId, dealIds]) => (await loadDealsForPush(dealIds, destinationId)).map((deal) => [dealKey(destinationId, deal.id), deal] as const)),
    );
    return new Map(loaded.flat());
  } catch {
    return undefined;
  }
}

/** A deal's link is per destination: the same deal claimed for two destinations is loaded twice. */
const dealKey = (destinationId: string, dealId: string) => `${destinationId}\u0000${dealId}`;

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

  // Runs this worker has seen running: their status needs no update on every claim.
  const running = new Set<string>();
  let foundNothingAt = -Infinity;
  while (!signal?.aborted) {
    const free = ctx.settings.concurrency - inFlight.size;
    // Claim in batches (a quarter of the slots at least) rather than one item per finished
    // one: a claim and the batch's deal loading are a few queries, not a few per item. When
    // the last claim found nothing, look again after pollMs, not as each item finishes (at
    // a run's end that was one empty claim per item in flight).
    const mayClaim =
      inFlight.size === 0 || (free >= Math.max(1, Math.floor(ctx.settings.concurrency / 4)) && Date.now() - foundNothingAt >= ctx.settings.pollMs);
    const claimed = mayClaim ? await claimItems({ workerId: ctx.settings.workerId, limit: free, leaseMs: ctx.settings.leaseMs, kinds: PER_DEAL_KINDS, runId }) : [];
    if (mayClaim && !claimed.length) foundNothingAt = Date.now();
    const started = [...new Set(claimed.map((c) => c.runId))].filter((id) => !running.has(id));
    if (started.length) {
      await getDb().syncRun.updateMany({ where: { id: { in: started }, status: "queued" }, data: { status: "running", startedAt: new Date() } });
      started.forEach((id) => running.add(id));
    }
    const deals = await preloadDeals(claimed);
    for (const item of claimed) {
      inFlightIds.add(item.id);
      const task: Promise<void> = processClaimedItem(item, ctx, deals ? (deals.get(dealKey(item.destinationId, item.dealId)) ?? null) : undefined)
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
