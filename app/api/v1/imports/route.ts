// GET /api/v1/imports — latest import runs (?sourceId=&status=held&limit=) · POST — start an import of a source
import { NextResponse } from "next/server";
import { apiRoute } from "@/app/_lib/api-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { getImportRun, listImportRuns } from "@/lib/imports/list-import-runs";
import { startImportSchema } from "@/lib/imports/schemas";
import { startImport } from "@/lib/imports/start-import";

export const GET = apiRoute("signedIn", async (req) => {
  const params = new URL(req.url).searchParams;
  return { runs: await listImportRuns({ sourceId: params.get("sourceId") ?? undefined, status: params.get("status") ?? undefined, limit: params.get("limit") ?? undefined }) };
});

export const POST = apiRoute("operator", async (req, { actor }) => {
  const input = startImportSchema.parse(await readJsonBody(req));
  const started = await startImport({ source: input.sourceId, trigger: "api", actor, force: input.force });
  // The run continues in this server process; poll GET /api/v1/imports/{id} for progress.
  void started.done;
  const run = await getImportRun(started.runId);
  return NextResponse.json(JSON.parse(JSON.stringify({ run })), { status: 202, headers: { Location: `/api/v1/imports/${run.id}` } });
});
