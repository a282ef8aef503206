"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/app/_lib/action";
import { formToObject } from "@/app/_lib/form-data";
import { decodeSelectionParam } from "@/lib/deals/selection-param";
import { createSyncRun } from "@/lib/sync/create-sync-run";
import { controlSyncRun, resolveUncertainItem, retryFailedItems } from "@/lib/sync/manage-sync-runs";

export const createSyncRunAction = authorizedAction("operator", async (actor, _prev: unknown, form: FormData) => {
  const run = await createSyncRun(
    {
      destinationId: String(form.get("destinationId") ?? ""),
      selection: decodeSelectionParam(String(form.get("selection") ?? "")),
      dryRun: form.get("dryRun") === "1",
      // The destination's push options, inputs named "options.<name>".
      options: (formToObject(form).options ?? {}) as Record<string, string>,
    },
    actor,
  );
  revalidatePath("/pushes");
  return { runId: run.id };
});

export const retryFailedAction = authorizedAction("operator", async (actor, _prev: unknown, form: FormData) => {
  const runId = String(form.get("runId") ?? "");
  const { retried, unblocked } = await retryFailedItems(runId, actor);
  revalidatePath(`/pushes/${runId}`);
  return { message: unblocked ? "The run is queued again" : `Queued ${retried} failed item${retried === 1 ? "" : "s"} again` };
});

export const controlRunAction = authorizedAction("operator", async (actor, _prev: unknown, form: FormData) => {
  const runId = String(form.get("runId") ?? "");
  const run = await controlSyncRun(runId, String(form.get("command") ?? "") as never, actor);
  revalidatePath(`/pushes/${runId}`);
  return { message: `The run is ${run.status}` };
});

export const resolveUncertainAction = authorizedAction("operator", async (actor, _prev: unknown, form: FormData) => {
  const result = await resolveUncertainItem(
    { itemId: String(form.get("itemId") ?? ""), outcome: String(form.get("outcome") ?? "") as never, externalId: String(form.get("externalId") ?? "") || undefined },
    actor,
  );
  revalidatePath(`/pushes/${String(form.get("runId") ?? "")}`);
  return { message: `Marked ${result.state}` };
});
