// GET /api/v1/deals/{id} — one deal with account, contacts, provenance, change and push history
import { apiRoute } from "@/app/_lib/api-route";
import { getDealDetailWithHistory } from "@/lib/deals/get-deal-detail";

export const GET = apiRoute<{ id: string }>("signedIn", async (_req, { params }) => getDealDetailWithHistory(params.id));
