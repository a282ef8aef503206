// Items a worker has sent, written in batches (./batch-writer.ts). Until its batch is written
// an item stays "sending" under this worker's lease, so a crash in between only means the
// next claim reconciles it through find(), never a second send (docs/decisions/push-queue.md).
import "server-only";
import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db/client";
import { createBatchWriter, type BatchOptions, type BatchWriter } from "./batch-writer";

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

export type SentWriter = BatchWriter<SentRecord, void>;

export function createSentWriter(workerId: string, options: Omit<BatchOptions<SentRecord>, "conflict"> = {}): SentWriter {
  return createBatchWriter((records) => writeSent(workerId, records), {
    ...options,
    // One statement can't upsert the same link twice: the same deal for the same destination goes in the next batch.
    conflict: (a, b) => a.dealId === b.dealId && a.destinationId === b.destinationId,
  });
}

/**
 * Marks the items sent and links their deals to the destination's records, in one statement:
 * only items this worker still owns are marked, and only those get a link, which makes the
 * next push of the deal an update, never a second record.
 */
async function writeSent(workerId: string, records: SentRecord[]): Promise<void[]> {
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
  return records.map(() => undefined);
}
