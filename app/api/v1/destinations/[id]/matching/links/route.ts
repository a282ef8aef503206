// POST /api/v1/destinations/{id}/matching/links — confirm a match: {account, externalId, via?} saves the account's link, used by every later push
import { apiRoute } from "@/app/_lib/api-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { confirmMatch } from "@/lib/matching/account-links";

export const POST = apiRoute<{ id: string }>("operator", async (req, { params, actor }) => {
  const link = await confirmMatch(params.id, await readJsonBody(req), actor);
  return Response.json({ link: { accountId: link.accountId, externalId: link.externalId, externalName: link.externalName, confirmedVia: link.confirmedVia } }, { status: 201 });
});
