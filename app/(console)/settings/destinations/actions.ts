"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/app/_lib/action";
import { formText, readForm } from "@/app/_lib/form-data";
import { saveDestination } from "@/lib/destinations/save-destination";
import { testDestination } from "@/lib/destinations/test-destination";

const PATH = "/settings/destinations";

export const saveDestinationAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  const saved = await saveDestination(readForm(form), actor);
  revalidatePath(PATH);
  return { message: `Saved destination "${saved.name}"` };
});

export const testDestinationAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  return testDestination(formText(form, "id"), actor);
});
