// GET /api/v1/linking — link rules (deals, accounts), which source each linked-deal field comes from, pending suggestions
import { apiRoute } from "@/app/_lib/api-route";
import { getLinkingOverview } from "@/lib/linking/linking-overview";

export const GET = apiRoute("signedIn", async () => getLinkingOverview());
