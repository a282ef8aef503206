import "server-only";
import { csvRow } from "@/lib/csv/csv-row";
import { getDb } from "@/lib/db/client";
import { auditFilterSchema, auditWhere, type AuditFilter } from "./list-audit-events";

export const AUDIT_EXPORT_MAX_ROWS = 100_000;
const BATCH = 1000;

/**
 * The filtered audit log as CSV lines, newest first, read in batches so memory stays
 * flat; at most AUDIT_EXPORT_MAX_ROWS rows (narrow the dates for more). Every cell is
 * formula-neutralised: summaries hold user-typed names.
 */
export async function* exportAuditEventsCsv(input: Omit<AuditFilter, "limit">): AsyncGenerator<string> {
  const f = auditFilterSchema.parse({ ...input, limit: undefined });
  const where = auditWhere(f);
  yield csvRow(["id", "at_utc", "actor_email", "actor_id", "action", "target_type", "target_id", "summary"]);
  let cursor: bigint | undefined;
  for (let sent = 0; sent < AUDIT_EXPORT_MAX_ROWS; ) {
    const rows = await getDb().auditEvent.findMany({
      where: cursor === undefined ? where : { AND: [where, { id: { lt: cursor } }] },
      // id follows insertion order, which is time order for an append-only log.
      orderBy: { id: "desc" },
      take: Math.min(BATCH, AUDIT_EXPORT_MAX_ROWS - sent),
    });
    if (rows.length === 0) return;
    for (const r of rows) yield csvRow([r.id.toString(), r.at.toISOString(), r.actorEmail, r.actorId, r.action, r.targetType, r.targetId, r.summary]);
    sent += rows.length;
    cursor = rows[rows.length - 1].id;
  }
}
