// GET /api/v1/imports/{id}/problems — the run's problems (?severity=&limit=&offset=), or ?format=csv to download them all
import { apiRoute } from "@/app/_lib/api-route";
import { getImportRun } from "@/lib/imports/list-import-runs";
import { exportRunProblemsCsv, listRunProblems } from "@/lib/imports/list-run-problems";
import { importRunIdSchema } from "@/lib/imports/schemas";

export const GET = apiRoute<{ id: string }>("signedIn", async (req, { params }) => {
  const id = importRunIdSchema.parse(params.id);
  const run = await getImportRun(id);
  const query = Object.fromEntries(new URL(req.url).searchParams);
  if (query.format === "csv") {
    const chunks = exportRunProblemsCsv(id);
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(new TextEncoder().encode(next.value));
      },
    });
    const name = `problems-${run.source.name.replace(/[^A-Za-z0-9._-]+/g, "-")}-${run.startedAt.toISOString().slice(0, 10)}-${id}.csv`;
    return new Response(body, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"` } });
  }
  return listRunProblems(id, { severity: query.severity as never, limit: query.limit, offset: query.offset });
});
