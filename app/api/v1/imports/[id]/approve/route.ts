// POST /api/v1/imports/{id}/approve — apply a held run exactly as reviewed ({ comment? }); 409 when something was applied to its source since
import { apiRoute } from "@/app/_lib/api-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { approveHeldImport } from "@/lib/imports/approve-held-import";
import { importRunIdSchema } from "@/lib/imports/schemas";

export const POST = apiRoute<{ id: string }>("operator", async (req, { params, actor }) =>
  approveHeldImport(importRunIdSchema.parse(params.id), await readJsonBody(req), actor),
);
