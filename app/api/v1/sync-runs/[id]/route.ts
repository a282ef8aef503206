// GET /api/v1/sync-runs/{id} — a run with its counts and items (?state=failed&limit=200)
import { apiRoute } from "@/app/_lib/api-route";
import { getSyncRun, syncRunItemsQuerySchema } from "@/lib/sync/get-sync-run";

export const GET = apiRoute<{ id: string }>("signedIn", async (req, { params }) => {
  return { run: await getSyncRun(params.id, syncRunItemsQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams))) };
});
