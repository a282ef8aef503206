// GET /api/v1/imports/{id} — one run: status, progress, counts, files, change totals and its first problems
import { apiRoute } from "@/app/_lib/api-route";
import { getImportRun } from "@/lib/imports/list-import-runs";
import { listRunChanges } from "@/lib/imports/list-run-changes";
import { listRunProblems } from "@/lib/imports/list-run-problems";
import { importRunIdSchema } from "@/lib/imports/schemas";

export const GET = apiRoute<{ id: string }>("signedIn", async (_req, { params }) => {
  const id = importRunIdSchema.parse(params.id);
  const run = await getImportRun(id);
  const [{ byKind }, problems] = await Promise.all([listRunChanges(id, { limit: 1 }), listRunProblems(id, { limit: 200 })]);
  return { run, changes: byKind, problems: problems.problems, problemsTotal: problems.total };
});
