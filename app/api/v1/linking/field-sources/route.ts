// PUT /api/v1/linking/field-sources — replace the preferred source per field ({ amount: sourceId, stage: sourceId, … }; left out or null: most recently updated)
import { apiRoute } from "@/app/_lib/api-route";
import { saveLinkedFieldSources, type LinkedFieldSourcesInput } from "@/lib/deals/linked-field-sources";
import { readJsonBody } from "@/lib/http/read-json-body";

export const PUT = apiRoute("admin", async (req, { actor }) => ({ fieldSources: await saveLinkedFieldSources((await readJsonBody(req)) as LinkedFieldSourcesInput, actor) }));
