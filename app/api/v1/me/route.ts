// GET /api/v1/me — who the token (or session) belongs to
import { apiRoute } from "@/app/_lib/api-route";

export const GET = apiRoute("signedIn", async (_req, { actor }) => ({ user: actor }));
