"use server";

// The push preview's actions (components/pushes/push-preview-*): exclude the deals behind a
// reason, include them again, and push exactly what the preview shows.

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/app/_lib/action";
import { formText } from "@/app/_lib/form-data";
import { createSyncRunFromPreview } from "@/lib/sync/create-sync-run";
import { excludePreviewItems, includePreviewItemsAgain } from "@/lib/sync/exclude-preview-items";

export const excludePreviewItemsAction = authorizedAction("operator", async (_actor, _prev: unknown, form: FormData) => {
  const excluded = await excludePreviewItems({ previewId: formText(form, "previewId"), reason: formText(form, "reason") || undefined });
  revalidatePath("/pushes/new");
  return { message: `Excluded ${excluded} deal${excluded === 1 ? "" : "s"}` };
});

export const includePreviewItemsAgainAction = authorizedAction("operator", async (_actor, _prev: unknown, form: FormData) => {
  const included = await includePreviewItemsAgain(formText(form, "previewId"));
  revalidatePath("/pushes/new");
  return { message: `Included ${included} deal${included === 1 ? "" : "s"} again` };
});

export const pushFromPreviewAction = authorizedAction("operator", async (actor, _prev: unknown, form: FormData) => {
  const run = await createSyncRunFromPreview({ previewId: formText(form, "previewId"), dryRun: form.get("dryRun") === "1", readyOnly: form.get("dryRun") !== "1" }, actor);
  revalidatePath("/pushes");
  return { runId: run.id };
});
