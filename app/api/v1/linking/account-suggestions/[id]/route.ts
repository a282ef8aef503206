// POST /api/v1/linking/account-suggestions/{id} — { decision: "confirm" | "dismiss" }: link the two accounts, or keep them apart
import { apiRoute } from "@/app/_lib/api-route";
import { decideAccountLinkSuggestion } from "@/lib/accounts/link-accounts";
import { readJsonBody } from "@/lib/http/read-json-body";
import { linkDecisionBodySchema } from "@/lib/linking/link-schemas";

export const POST = apiRoute<{ id: string }>("operator", async (req, { params, actor }) => {
  const { decision } = linkDecisionBodySchema.parse(await readJsonBody(req));
  await decideAccountLinkSuggestion(params.id, decision, actor);
  return { suggestionId: params.id, decision };
});
