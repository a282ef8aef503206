// GET /api/v1/imports/{id}/changes — new / changed / removed deals of the run with field diffs (?kind=&q=&limit=&offset=)
import { apiRoute } from "@/app/_lib/api-route";
import { getImportRun } from "@/lib/imports/list-import-runs";
import { listRunChanges } from "@/lib/imports/list-run-changes";
import { importRunIdSchema } from "@/lib/imports/schemas";

export const GET = apiRoute<{ id: string }>("signedIn", async (req, { params }) => {
  const id = importRunIdSchema.parse(params.id);
  await getImportRun(id);
  return listRunChanges(id, Object.fromEntries(new URL(req.url).searchParams));
});
