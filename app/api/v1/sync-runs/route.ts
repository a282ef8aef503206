// GET /api/v1/sync-runs — recent push runs (newest first); POST — start a push or a dry run
import { apiRoute } from "@/app/_lib/api-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { createSyncRun } from "@/lib/sync/create-sync-run";
import { listSyncRuns, listSyncRunsSchema } from "@/lib/sync/list-sync-runs";

export const GET = apiRoute("signedIn", async (req) => {
  return { runs: await listSyncRuns(listSyncRunsSchema.parse(Object.fromEntries(new URL(req.url).searchParams))) };
});

export const POST = apiRoute("operator", async (req, { actor }) => {
  const run = await createSyncRun(await readJsonBody(req), actor);
  return Response.json({ run: { id: run.id, status: run.status, dryRun: run.dryRun, counts: run.counts } }, { status: 201 });
});
