// POST /api/v1/linking/deal-rules — save the deal link rule of a source pair ({ sourceId, field, otherSourceId, otherField }); later imports apply it
import { apiRoute } from "@/app/_lib/api-route";
import { saveDealLinkRule } from "@/lib/deals/link-deals";
import { readJsonBody } from "@/lib/http/read-json-body";
import type { LinkRuleInput } from "@/lib/linking/link-schemas";

export const POST = apiRoute("admin", async (req, { actor }) =>
  Response.json({ rule: await saveDealLinkRule((await readJsonBody(req)) as LinkRuleInput, actor) }, { status: 201 }),
);
