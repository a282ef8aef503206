// POST /api/v1/imports/{id}/rollback — roll back an applied run ({ cascade?, dryRun?, comment? }); 409 lists conflicting newer runs and deals
import { apiRoute } from "@/app/_lib/api-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { rollbackImport } from "@/lib/imports/rollback-import";
import { importRunIdSchema } from "@/lib/imports/schemas";

export const POST = apiRoute<{ id: string }>("operator", async (req, { params, actor }) =>
  rollbackImport(importRunIdSchema.parse(params.id), await readJsonBody(req), actor, "api"),
);
