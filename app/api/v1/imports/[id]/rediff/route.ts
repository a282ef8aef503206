// POST /api/v1/imports/{id}/rediff — diff a held run again against the live data as it is now
import { apiRoute } from "@/app/_lib/api-route";
import { rediffHeldImport } from "@/lib/imports/rediff-held-import";
import { importRunIdSchema } from "@/lib/imports/schemas";

export const POST = apiRoute<{ id: string }>("operator", async (_req, { params, actor }) => rediffHeldImport(importRunIdSchema.parse(params.id), actor));
