// Planned payloads stored before their items are sent, written in batches (./batch-writer.ts):
// the payload and its digest are in the database before the request leaves, as "never twice"
// needs, without one statement per item.
import "server-only";
import { getDb } from "@/lib/db/client";
import { createBatchWriter, type BatchOptions, type BatchWriter } from "./batch-writer";
import type { pushedMoney } from "./plan-deals";

export type PlannedRecord = { itemId: bigint; payload: unknown; digest: string } & ReturnType<typeof pushedMoney>;

/** Resolves true once stored; false when this worker no longer owns the item (nothing was changed). */
export type PayloadWriter = BatchWriter<PlannedRecord, boolean>;

export function createPayloadWriter(workerId: string, options: Omit<BatchOptions<PlannedRecord>, "conflict"> = {}): PayloadWriter {
  return createBatchWriter((records) => storePayloads(workerId, records), options);
}

async function storePayloads(workerId: string, records: PlannedRecord[]): Promise<boolean[]> {
  const stored = await getDb().$queryRaw<{ id: bigint }[]>`
    UPDATE "SyncItem" s
    SET payload = v.payload::jsonb, "requestDigest" = v.digest, "amountBaseMinor" = v.amount, "baseCurrency" = v.currency,
        "updatedAt" = (now() AT TIME ZONE 'UTC')
    FROM unnest(${records.map((r) => String(r.itemId))}::bigint[], ${records.map((r) => JSON.stringify(r.payload))}::text[], ${records.map((r) => r.digest)}::text[],
                ${records.map((r) => (r.amountBaseMinor === null ? null : String(r.amountBaseMinor)))}::bigint[], ${records.map((r) => r.baseCurrency)}::text[])
      AS v(id, payload, digest, amount, currency)
    WHERE s.id = v.id AND s."claimedBy" = ${workerId} AND s.state = 'sending'
    RETURNING s.id`;
  const ids = new Set(stored.map((row) => String(row.id)));
  return records.map((r) => ids.has(String(r.itemId)));
}
