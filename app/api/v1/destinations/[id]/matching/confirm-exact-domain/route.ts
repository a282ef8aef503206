// POST /api/v1/destinations/{id}/matching/confirm-exact-domain — link every unmatched account whose only exact-domain suggestion is one candidate
import { apiRoute } from "@/app/_lib/api-route";
import { confirmExactDomainSuggestions } from "@/lib/matching/account-links";

export const POST = apiRoute<{ id: string }>("operator", async (_req, { params, actor }) => confirmExactDomainSuggestions(params.id, actor));
