// What one worker keeps between items: open connections (re-opened when the destination
// changes or after a while, so lookups don't go stale) and its retry settings.
import "server-only";
import { randomUUID } from "node:crypto";
import { getBaseCurrency } from "@/lib/currency/get-base-currency";
import { getDb } from "@/lib/db/client";
import { openConnection, type OpenedDestination } from "@/lib/destinations/open-connection";
import { AppError } from "@/lib/errors";

export type WorkerSettings = {
  workerId: string;
  /** Items in flight at once (each destination's limiter still caps its own requests). */
  concurrency: number;
  /** Longer than the slowest request (30 s timeout) plus planning: a live worker never loses its lease. */
  leaseMs: number;
  /** Tries per item, every retry path included (connection, reconciliation, lookups, the write). */
  maxAttempts: number;
  /** 429s an item may meet before it fails: they spend no attempt, but a destination that never lets us in must end too. */
  maxThrottled: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  pollMs: number;
};

export const DEFAULT_WORKER_SETTINGS: Omit<WorkerSettings, "workerId"> = {
  concurrency: 16,
  leaseMs: 120_000,
  maxAttempts: 8,
  maxThrottled: 30,
  backoffBaseMs: 1_000,
  backoffCapMs: 60_000,
  pollMs: 1_000,
};

const CONNECTION_TTL_MS = 5 * 60_000;

export type WorkerContext = {
  settings: WorkerSettings;
  connection(destinationId: string): Promise<OpenedDestination>;
  baseCurrency(): Promise<string>;
};

export function createWorkerContext(overrides: Partial<WorkerSettings> = {}): WorkerContext {
  const settings: WorkerSettings = { ...DEFAULT_WORKER_SETTINGS, workerId: `worker-${randomUUID().slice(0, 8)}`, ...overrides };
  const connections = new Map<string, { opened: Promise<OpenedDestination>; updatedAt: number; openedAt: number }>();
  let base: { value: Promise<string>; at: number } | null = null;

  return {
    settings,
    async connection(destinationId) {
      const destination = await getDb().destination.findUnique({ where: { id: destinationId } });
      if (!destination) throw new AppError("not_found", `Destination ${destinationId} was deleted`);
      const cached = connections.get(destinationId);
      if (cached && cached.updatedAt === destination.updatedAt.getTime() && Date.now() - cached.openedAt < CONNECTION_TTL_MS) return cached.opened;
      const opened = openConnection(destination);
      connections.set(destinationId, { opened, updatedAt: destination.updatedAt.getTime(), openedAt: Date.now() });
      opened.catch(() => connections.delete(destinationId));
      return opened;
    },
    baseCurrency() {
      if (!base || Date.now() - base.at > CONNECTION_TTL_MS) base = { value: getBaseCurrency(), at: Date.now() };
      return base.value;
    },
  };
}
