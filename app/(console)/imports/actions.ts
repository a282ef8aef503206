"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/app/_lib/action";
import { formToObject } from "@/app/_lib/form-data";
import { decideDealLinkSuggestion, decideDealLinkSuggestionSchema } from "@/lib/deals/link-deals";
import { cancelImport } from "@/lib/imports/cancel-import";
import { importRunIdSchema, startImportSchema } from "@/lib/imports/schemas";
import { startImport } from "@/lib/imports/start-import";

export const startImportAction = authorizedAction("operator", async (actor, _prev: unknown, form: FormData) => {
  const input = startImportSchema.parse(formToObject(form));
  const started = await startImport({ source: input.sourceId, trigger: "manual", actor, force: input.force });
  // Runs on in this server process; the page polls its progress.
  void started.done;
  revalidatePath("/imports");
  return { message: `Started an import of "${started.sourceName}"`, runId: started.runId };
});

export const cancelImportAction = authorizedAction("operator", async (actor, _prev: unknown, form: FormData) => {
  const runId = importRunIdSchema.parse(form.get("runId"));
  const result = await cancelImport(runId, actor);
  revalidatePath("/imports");
  revalidatePath(`/imports/${runId}`);
  return { message: result.status === "cancelled" ? "Cancelled" : "Cancelling… nothing it read will be applied" };
});

export const decideLinkSuggestionAction = authorizedAction("operator", async (actor, _prev: unknown, form: FormData) => {
  const input = decideDealLinkSuggestionSchema.parse(formToObject(form));
  await decideDealLinkSuggestion(input.suggestionId, input.decision, actor);
  revalidatePath("/imports", "layout");
  revalidatePath("/deals");
  return { message: input.decision === "confirm" ? "Linked: the deals now browse and push as one" : "Kept apart" };
});
