// POST /api/v1/linking/deal-suggestions/{id} — { decision: "confirm" | "dismiss" }: link the two deals, or keep them apart
import { apiRoute } from "@/app/_lib/api-route";
import { decideDealLinkSuggestion } from "@/lib/deals/link-deals";
import { readJsonBody } from "@/lib/http/read-json-body";
import { linkDecisionBodySchema } from "@/lib/linking/link-schemas";

export const POST = apiRoute<{ id: string }>("operator", async (req, { params, actor }) => {
  const { decision } = linkDecisionBodySchema.parse(await readJsonBody(req));
  await decideDealLinkSuggestion(params.id, decision, actor);
  return { suggestionId: params.id, decision };
});
