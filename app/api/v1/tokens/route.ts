// GET /api/v1/tokens — every user's API tokens (admin; ?userId= for one user): name, prefix, dates, status, never a hash
import { apiRoute } from "@/app/_lib/api-route";
import { listAllApiTokens } from "@/lib/auth/api-tokens";

export const GET = apiRoute("admin", async (req) => ({
  tokens: await listAllApiTokens({ userId: new URL(req.url).searchParams.get("userId") ?? undefined }),
}));
