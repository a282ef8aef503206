// POST /api/v1/tokens/{id}/revoke — revoke any user's API token (admin)
import { apiRoute } from "@/app/_lib/api-route";
import { revokeApiToken } from "@/lib/auth/api-tokens";

export const POST = apiRoute<{ id: string }>("admin", async (_req, { params, actor }) => {
  await revokeApiToken(actor, params.id);
  return { revoked: params.id };
});
