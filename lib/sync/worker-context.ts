// What one worker keeps between items: open connections (re-opened when the destination
// changes or after a while, so lookups don't go stale) and its retry settings.
import "server-only";
import { randomUUID } from "node:crypto";
import { getBaseCurrency } from "@/lib/currency/get-base-currency";
import { getDb } from "@/lib/db/client";
import { openConnection, type OpenedDestination } from "@/lib/destinations/open-connection";
import { AppError } from "@/lib/errors";
import { createPayloadWriter, type PayloadWriter } from "./payload-writer";
import { createSentWriter, type SentWriter } from "./sent-writer";

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
  // Enough items in flight to keep a 40 req/s limiter busy while each spends up to ~1.5 s in
  // the database (claim, payload stored, sent): with 16, a slow or busy database capped the rate.
  concurrency: 64,
  leaseMs: 120_000,
  maxAttempts: 8,
  maxThrottled: 30,
  backoffBaseMs: 1_000,
  backoffCapMs: 60_000,
  pollMs: 1_000,
};

/**
 * Sent items are recorded a batch at a time. Sends leave one per limiter slot (25 ms at
 * 40/s), so the writer's default 20 ms gathered one or two per statement; 100 ms gathers
 * about four. Meanwhile the item stays "sending" under its lease: a crash in between means
 * a reconciliation through find(), never a second send.
 */
const SENT_BATCH_WAIT_MS = 100;
const CONNECTION_TTL_MS = 5 * 60_000;
const DESTINATION_CHECK_MS = 1_000;

export type WorkerContext = {
  settings: WorkerSettings;
  /** Where planned payloads are stored before sending, a batch at a time. */
  payloads: PayloadWriter;
  /** Where sent items are recorded, a batch at a time. */
  sent: SentWriter;
  connection(destinationId: string): Promise<OpenedDestination>;
  baseCurrency(): Promise<string>;
};

export function createWorkerContext(overrides: Partial<WorkerSettings> = {}): WorkerContext {
  const settings: WorkerSettings = { ...DEFAULT_WORKER_SETTINGS, workerId: `worker-${randomUUID().slice(0, 8)}`, ...overrides };
  const connections = new Map<string, { opened: Promise<OpenedDestination>; updatedAt: number; openedAt: number }>();
  let base: { value: Promise<string>; at: number } | null = null;
  // Read once per DESTINATION_CHECK_MS, not once per item: an edit or a deletion is still seen within it.
  const rows = new Map<string, { row: ReturnType<typeof readDestination>; at: number }>();
  const readDestination = (id: string) => getDb().destination.findUnique({ where: { id } });
  const destinationRow = (id: string) => {
    const cached = rows.get(id);
    if (cached && Date.now() - cached.at < DESTINATION_CHECK_MS) return cached.row;
    const row = readDestination(id);
    rows.set(id, { row, at: Date.now() });
    row.catch(() => rows.delete(id));
    return row;
  };

  return {
    settings,
    payloads: createPayloadWriter(settings.workerId),
    sent: createSentWriter(settings.workerId, { maxWaitMs: SENT_BATCH_WAIT_MS }),
    async connection(destinationId) {
      const destination = await destinationRow(destinationId);
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
