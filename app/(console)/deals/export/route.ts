// GET /deals/export — the deals matching the URL's filter, in its sort, as a streamed CSV
import { apiRoute } from "@/app/_lib/api-route";
import { csvResponse } from "@/app/_lib/csv-response";
import { parseDealTableParams } from "@/lib/deals/deal-table-params";
import { exportDealsCsv } from "@/lib/deals/export-deals-csv";
import { formatUtc } from "@/lib/format-utc";

export const GET = apiRoute("signedIn", async (req) => {
  const { filter, sort } = parseDealTableParams(new URL(req.url).searchParams);
  return csvResponse(exportDealsCsv(filter, sort), `deals-${formatUtc(new Date(), "day")}.csv`);
});
