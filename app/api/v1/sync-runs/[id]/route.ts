// GET /api/v1/sync-runs/{id} — a run with its counts and items (?state=failed&limit=200)
import { apiRoute } from "@/app/_lib/api-route";
import { getSyncRun } from "@/lib/sync/manage-sync-runs";

export const GET = apiRoute<{ id: string }>("signedIn", async (req, { params }) => {
  const query = new URL(req.url).searchParams;
  return { run: await getSyncRun(params.id, { state: (query.get("state") ?? undefined) as never, limit: (query.get("limit") ?? undefined) as never }) };
});
