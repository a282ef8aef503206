// GET /api/v1/destinations/{id}/matching — accounts against the destination's customers/accounts: saved links, automatic matches, none (with suggestions); ?search= finds candidates
import { apiRoute } from "@/app/_lib/api-route";
import { getMatchingReport, matchingQuerySchema } from "@/lib/matching/matching-report";

export const GET = apiRoute<{ id: string }>("signedIn", async (req, { params }) =>
  getMatchingReport(params.id, matchingQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams))),
);
