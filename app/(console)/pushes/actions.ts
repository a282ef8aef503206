"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/app/_lib/action";
import { formText } from "@/app/_lib/form-data";
import { controlSyncRun, runControlSchema } from "@/lib/sync/control-sync-run";
import { resolveUncertainItem, resolveUncertainSchema } from "@/lib/sync/resolve-uncertain-item";
import { retryFailedItems } from "@/lib/sync/retry-failed-items";

export const retryFailedAction = authorizedAction("operator", async (actor, _prev: unknown, form: FormData) => {
  const runId = formText(form, "runId");
  const { retried, unblocked } = await retryFailedItems(runId, actor);
  revalidatePath(`/pushes/${runId}`);
  return { message: unblocked ? "The run is queued again" : `Queued ${retried} failed item${retried === 1 ? "" : "s"} again` };
});

export const controlRunAction = authorizedAction("operator", async (actor, _prev: unknown, form: FormData) => {
  const runId = formText(form, "runId");
  const run = await controlSyncRun(runId, runControlSchema.parse(formText(form, "command")), actor);
  revalidatePath(`/pushes/${runId}`);
  return { message: `The run is ${run.status}` };
});

export const resolveUncertainAction = authorizedAction("operator", async (actor, _prev: unknown, form: FormData) => {
  const result = await resolveUncertainItem(
    resolveUncertainSchema.parse({ itemId: formText(form, "itemId"), outcome: formText(form, "outcome"), externalId: formText(form, "externalId") || undefined }),
    actor,
  );
  revalidatePath(`/pushes/${formText(form, "runId")}`);
  return { message: `Marked ${result.state}` };
});
