"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/app/_lib/action";
import { readForm } from "@/app/_lib/form-data";
import { saveSource } from "@/lib/sources/save-source";
import { saveSourceReview } from "@/lib/sources/save-source-review";
import { sourceIdSchema } from "@/lib/sources/schemas";
import { testSourceConnection } from "@/lib/sources/test-source-connection";

export const saveSourceAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  const { source, created } = await saveSource(readForm(form), actor);
  revalidatePath("/settings/sources");
  revalidatePath("/imports");
  return { message: `${created ? "Added" : "Saved"} source "${source.name}"` };
});

export const testSourceAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  return testSourceConnection(sourceIdSchema.parse(form.get("id")), actor);
});

export const saveSourceReviewAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  await saveSourceReview(readForm(form), actor);
  revalidatePath("/settings/sources");
  return { message: "Saved the review rules" };
});
