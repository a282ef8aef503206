// POST /api/v1/imports/{id}/cancel — ask a running import to stop (nothing it read is applied)
import { apiRoute } from "@/app/_lib/api-route";
import { cancelImport } from "@/lib/imports/cancel-import";
import { importRunIdSchema } from "@/lib/imports/schemas";

export const POST = apiRoute<{ id: string }>("operator", async (_req, { params, actor }) => cancelImport(importRunIdSchema.parse(params.id), actor));
