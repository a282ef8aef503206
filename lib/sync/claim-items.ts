// Claims due items for one worker. FOR UPDATE SKIP LOCKED lets any number of workers
// (processes or machines) share the queue: each row goes to exactly one of them.
// An item is due when pending and past nextAttemptAt, or "sending" past its lease —
// its outcome is unknown (crash, timeout, lost response), so it is reconciled first.
import "server-only";
import { getDb } from "@/lib/db/client";

export type ClaimedItem = {
  id: bigint;
  runId: string;
  dealId: string;
  destinationId: string;
  options: Record<string, string>;
  attempt: number;
  /** 429s so far (they don't count as attempts, but have their own cap). */
  throttled: number;
  /** "sending" means an earlier attempt's outcome is unknown. */
  previousState: "pending" | "sending";
  error: string | null;
};

export async function claimItems(input: { workerId: string; limit: number; leaseMs: number; kinds: string[]; runId?: string }): Promise<ClaimedItem[]> {
  if (input.limit <= 0) return [];
  // Timestamps are stored as UTC without a zone, so compare with now() in UTC.
  return getDb().$queryRaw<ClaimedItem[]>`
    WITH picked AS (
      SELECT i.id, i.state AS "previousState", r."destinationId", r.options
      FROM "SyncItem" i
      JOIN "SyncRun" r ON r.id = i."runId"
      JOIN "Destination" d ON d.id = r."destinationId"
      WHERE r.status IN ('queued', 'running') AND r."dryRun" = false
        AND d.kind = ANY(${input.kinds}::text[])
        AND (${input.runId ?? null}::text IS NULL OR r.id = ${input.runId ?? null}::text)
        AND ((i.state = 'pending' AND (i."nextAttemptAt" IS NULL OR i."nextAttemptAt" <= (now() AT TIME ZONE 'UTC')))
          OR (i.state = 'sending' AND i."leaseUntil" < (now() AT TIME ZONE 'UTC')))
      ORDER BY i.id
      LIMIT ${input.limit}
      FOR UPDATE OF i SKIP LOCKED
    )
    UPDATE "SyncItem" s
    SET state = 'sending',
        attempt = s.attempt + 1,
        "leaseUntil" = (now() AT TIME ZONE 'UTC') + ${input.leaseMs}::int * interval '1 millisecond',
        "claimedBy" = ${input.workerId},
        "updatedAt" = (now() AT TIME ZONE 'UTC')
    FROM picked
    WHERE s.id = picked.id
    RETURNING s.id, s."runId", s."dealId", picked."destinationId", picked.options, s.attempt, s.throttled, picked."previousState", s.error`;
}
