// DELETE /api/v1/destinations/{id}/matching/links/{account} — remove an account's saved link (the rules match it again)
import { apiRoute } from "@/app/_lib/api-route";
import { unlinkMatch } from "@/lib/matching/account-links";

export const DELETE = apiRoute<{ id: string; account: string }>("operator", async (_req, { params, actor }) => unlinkMatch(params.id, { account: params.account }, actor));
