// GET /api/v1/imports/{id}/problems — the run's problems (?severity=&limit=&offset=), or ?format=csv to download them all
import { apiRoute } from "@/app/_lib/api-route";
import { csvResponse } from "@/app/_lib/csv-response";
import { formatUtc } from "@/lib/format-utc";
import { getImportRun } from "@/lib/imports/list-import-runs";
import { exportRunProblemsCsv, listRunProblems, listRunProblemsSchema } from "@/lib/imports/list-run-problems";
import { importRunIdSchema } from "@/lib/imports/schemas";

export const GET = apiRoute<{ id: string }>("signedIn", async (req, { params }) => {
  const id = importRunIdSchema.parse(params.id);
  const run = await getImportRun(id);
  const query = Object.fromEntries(new URL(req.url).searchParams);
  if (query.format === "csv") {
    const name = `problems-${run.source.name.replace(/[^A-Za-z0-9._-]+/g, "-")}-${formatUtc(run.startedAt, "day")}-${id}.csv`;
    return csvResponse(exportRunProblemsCsv(id), name);
  }
  return listRunProblems(id, listRunProblemsSchema.parse(query));
});
