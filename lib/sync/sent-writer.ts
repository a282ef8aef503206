// Items a worker has sent, written in batches: one statement (one commit) for the items that
// finished within a few milliseconds of each other, instead of one each — at the rate limit,
// commits were a worker's busiest database work. Until its batch is written an item stays
// "sending" under this worker's lease, so a crash in between only means the next claim
// reconciles it through find(), never a second send (docs/decisions/push-queue.md).
import "server-only";
import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db/client";

export type SentRecord = {
  itemId: bigint;
  dealId: string;
  destinationId: string;
  externalId: string;
  /** created | updated | reconciled */
  action: string;
  response: unknown;
  /** The payload's digest, kept on the link (null: reconciled, the payload is not known here). */
  digest: string | null;
};

type Waiting = { record: SentRecord; done: () => void; failed: (err: unknown) => void };

export type SentWriter = { write(record: SentRecord): Promise<void> };

export function createSentWriter(workerId: string, options: { maxBatch?: number; maxWaitMs?: number } = {}): SentWriter {
  const maxBatch = options.maxBatch ?? 50;
  const maxWaitMs = options.maxWaitMs ?? 20;
  let batch: Waiting[] = [];
  let timer: NodeJS.Timeout | null = null;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const taken = batch;
    batch = [];
    if (!taken.length) return;
    writeSent(workerId, taken.map((w) => w.record)).then(
      () => taken.forEach((w) => w.done()),
      (err: unknown) => taken.forEach((w) => w.failed(err)),
    );
  };

  return {
    write(record) {
      // One statement can't upsert the same link twice: the same deal for the same destination goes in the next batch.
      if (batch.some((w) => w.record.dealId === record.dealId && w.record.destinationId === record.destinationId)) flush();
      const written = new Promise<void>((done, failed) => batch.push({ record, done, failed }));
      if (batch.length >= maxBatch) flush();
      else timer ??= setTimeout(flush, maxWaitMs);
      return written;
    },
  };
}

/**
 * Marks the items sent and links their deals to the destination's records, in one statement:
 * only items this worker still owns are marked, and only those get a link, which makes the
 * next push of the deal an update, never a second record.
 */
async function writeSent(workerId: string, records: SentRecord[]) {
  await getDb().$executeRaw`
    WITH v AS (
      SELECT * FROM unnest(${records.map((r) => String(r.itemId))}::bigint[], ${records.map((r) => r.externalId)}::text[], ${records.map((r) => r.action)}::text[],
                           ${records.map((r) => (r.response === undefined ? null : JSON.stringify(r.response)))}::text[], ${records.map((r) => r.digest)}::text[],
                           ${records.map((r) => r.destinationId)}::text[], ${records.map(() => randomUUID())}::text[])
        AS v(id, "externalId", action, response, digest, "destinationId", "linkId")
    ), done AS (
      UPDATE "SyncItem" s
      SET state = 'sent', "externalId" = v."externalId", action = v.action, response = v.response::jsonb,
          error = NULL, "leaseUntil" = NULL, "nextAttemptAt" = NULL, "updatedAt" = (now() AT TIME ZONE 'UTC')
      FROM v
      WHERE s.id = v.id AND s."claimedBy" = ${workerId} AND s.state = 'sending'
      RETURNING s."dealId", v."externalId", v.digest, v."destinationId", v."linkId"
    )
    INSERT INTO "Link" (id, "dealId", "destinationId", "externalId", "contentHash", "pushedAt")
    SELECT "linkId", "dealId", "destinationId", "externalId", digest, (now() AT TIME ZONE 'UTC') FROM done
    ON CONFLICT ("dealId", "destinationId") DO UPDATE
    SET "externalId" = EXCLUDED."externalId", "pushedAt" = EXCLUDED."pushedAt", "contentHash" = COALESCE(EXCLUDED."contentHash", "Link"."contentHash")`;
}
