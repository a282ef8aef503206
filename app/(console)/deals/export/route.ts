// GET /deals/export — the deals matching the URL's filter, in its sort, as a streamed CSV
import { apiRoute } from "@/app/_lib/api-route";
import { parseDealTableParams } from "@/lib/deals/deal-table-params";
import { exportDealsCsv } from "@/lib/deals/export-deals-csv";

export const GET = apiRoute("signedIn", async (req) => {
  const { filter, sort } = parseDealTableParams(new URL(req.url).searchParams);
  const chunks = exportDealsCsv(filter, sort);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    // Pull-based: the next page is read from the database only when the client has taken the last one.
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="deals-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
