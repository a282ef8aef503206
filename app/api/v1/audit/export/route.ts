// GET /api/v1/audit/export — the filtered audit log as CSV (admin), formula cells neutralised
import { apiRoute } from "@/app/_lib/api-route";
import { exportAuditEventsCsv } from "@/lib/audit/export-audit-events-csv";
import { auditFilterSchema } from "@/lib/audit/list-audit-events";

export const GET = apiRoute("admin", async (req) => {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  // Validate before the first byte: once streaming, an error can no longer be a 422.
  const filter = auditFilterSchema.omit({ limit: true }).parse(params);
  const lines = exportAuditEventsCsv(filter);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="dealport-audit-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
});
