"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/app/_lib/action";
import { formToObject } from "@/app/_lib/form-data";
import { saveSource, type SaveSourceInput } from "@/lib/sources/save-source";
import { saveSourceReview, type SaveSourceReviewInput } from "@/lib/sources/save-source-review";
import { sourceIdSchema } from "@/lib/sources/schemas";
import { testSourceConnection } from "@/lib/sources/test-source-connection";

export const saveSourceAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  const { source, created } = await saveSource(formToObject(form) as SaveSourceInput, actor);
  revalidatePath("/settings/sources");
  revalidatePath("/imports");
  return { message: `${created ? "Added" : "Saved"} source "${source.name}"` };
});

export const testSourceAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  return testSourceConnection(sourceIdSchema.parse(form.get("id")), actor);
});

export const saveSourceReviewAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  await saveSourceReview(formToObject(form) as SaveSourceReviewInput, actor);
  revalidatePath("/settings/sources");
  return { message: "Saved the review rules" };
});
