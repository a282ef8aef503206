// POST /api/v1/linking/account-rules — save the account link rule of a source pair ({ sourceId, field, otherSourceId, otherField }; field: externalId, domain, name or a property)
import { apiRoute } from "@/app/_lib/api-route";
import { saveAccountLinkRule } from "@/lib/accounts/link-accounts";
import { readJsonBody } from "@/lib/http/read-json-body";
import type { LinkRuleInput } from "@/lib/linking/link-schemas";

export const POST = apiRoute("admin", async (req, { actor }) =>
  Response.json({ rule: await saveAccountLinkRule((await readJsonBody(req)) as LinkRuleInput, actor) }, { status: 201 }),
);
