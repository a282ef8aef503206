// GET /api/v1/audit/export — the filtered audit log as CSV (admin), formula cells neutralised
import { apiRoute } from "@/app/_lib/api-route";
import { csvResponse } from "@/app/_lib/csv-response";
import { exportAuditEventsCsv } from "@/lib/audit/export-audit-events-csv";
import { auditFilterSchema } from "@/lib/audit/list-audit-events";
import { formatUtc } from "@/lib/format-utc";

export const GET = apiRoute("admin", async (req) => {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  // Validate before the first byte: once streaming, an error can no longer be a 422.
  const filter = auditFilterSchema.omit({ limit: true }).parse(params);
  return csvResponse(exportAuditEventsCsv(filter), `dealport-audit-${formatUtc(new Date(), "day")}.csv`);
});
