"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/app/_lib/action";
import { readForm } from "@/app/_lib/form-data";
import { approveHeldImport } from "@/lib/imports/approve-held-import";
import { decideDealLinkSuggestion } from "@/lib/deals/link-deals";
import { decideLinkSuggestionSchema } from "@/lib/linking/link-schemas";
import { cancelImport } from "@/lib/imports/cancel-import";
import { discardHeldImport } from "@/lib/imports/discard-held-import";
import { rediffHeldImport } from "@/lib/imports/rediff-held-import";
import { rollbackImport } from "@/lib/imports/rollback-import";
import { importRunIdSchema, startImportSchema } from "@/lib/imports/schemas";
import { startImport } from "@/lib/imports/start-import";

export const startImportAction = authorizedAction("operator", async (actor, _prev: unknown, form: FormData) => {
  const input = startImportSchema.parse(readForm(form));
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

function revalidateRun(runId: string) {
  revalidatePath("/imports");
  revalidatePath(`/imports/${runId}`);
  // The navigation's "Needs review" count.
  revalidatePath("/", "layout");
}

export const approveImportAction = authorizedAction("operator", async (actor, _prev: unknown, form: FormData) => {
  const runId = importRunIdSchema.parse(form.get("runId"));
  const result = await approveHeldImport(runId, readForm(form), actor);
  revalidateRun(runId);
  return { message: `Approved and applied: ${result.counts.new} new, ${result.counts.changed} changed, ${result.counts.removed} removed` };
});

export const discardImportAction = authorizedAction("operator", async (actor, _prev: unknown, form: FormData) => {
  const runId = importRunIdSchema.parse(form.get("runId"));
  await discardHeldImport(runId, readForm(form), actor);
  revalidateRun(runId);
  return { message: "Discarded; nothing was applied" };
});

export const rediffImportAction = authorizedAction("operator", async (actor, _prev: unknown, form: FormData) => {
  const runId = importRunIdSchema.parse(form.get("runId"));
  const result = await rediffHeldImport(runId, actor);
  revalidateRun(runId);
  return { message: `Re-diffed against the live data: ${result.counts.new} new, ${result.counts.changed} changed, ${result.counts.removed} removed` };
});

/** Preview (dryRun) or roll back; the result lists the runs and the first deal changes. */
export const rollbackImportAction = authorizedAction("operator", async (actor, _prev: unknown, form: FormData) => {
  const runId = importRunIdSchema.parse(form.get("runId"));
  const result = await rollbackImport(runId, readForm(form), actor, "manual");
  if (!result.dryRun) revalidateRun(runId);
  return result;
});

export const decideLinkSuggestionAction = authorizedAction("operator", async (actor, _prev: unknown, form: FormData) => {
  const input = decideLinkSuggestionSchema.parse(readForm(form));
  await decideDealLinkSuggestion(input.suggestionId, input.decision, actor);
  revalidatePath("/imports", "layout");
  revalidatePath("/deals");
  return { message: input.decision === "confirm" ? "Linked: the deals now browse and push as one" : "Kept apart" };
});
