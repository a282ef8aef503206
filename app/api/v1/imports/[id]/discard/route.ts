// POST /api/v1/imports/{id}/discard — end a held run without applying it ({ comment? })
import { apiRoute } from "@/app/_lib/api-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { discardHeldImport } from "@/lib/imports/discard-held-import";
import { importRunIdSchema } from "@/lib/imports/schemas";

export const POST = apiRoute<{ id: string }>("operator", async (req, { params, actor }) =>
  discardHeldImport(importRunIdSchema.parse(params.id), await readJsonBody(req), actor),
);
