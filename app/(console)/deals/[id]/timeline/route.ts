// GET /deals/{id}/timeline — the deal's timeline (its ?kind= filter, as on the page) as a streamed CSV
import { apiRoute } from "@/app/_lib/api-route";
import { csvResponse } from "@/app/_lib/csv-response";
import { exportDealTimelineCsv } from "@/lib/deals/export-deal-timeline-csv";

export const GET = apiRoute<{ id: string }>("signedIn", async (req, { params }) => {
  const lines = await exportDealTimelineCsv(params.id, { kinds: new URL(req.url).searchParams.getAll("kind") });
  return csvResponse(lines, `deal-${params.id}-timeline.csv`);
});
