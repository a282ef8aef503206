"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/app/_lib/action";
import { formText, readForm } from "@/app/_lib/form-data";
import { confirmExactDomainSuggestions, confirmMatch, unlinkMatch } from "@/lib/matching/account-links";

export const confirmMatchAction = authorizedAction("operator", async (actor, _prev: unknown, form: FormData) => {
  const destinationId = formText(form, "destinationId");
  const link = await confirmMatch(destinationId, readForm(form), actor);
  revalidatePath(`/matching/${destinationId}`);
  return { message: `Linked to ${link.externalName ?? link.externalId}` };
});

export const unlinkMatchAction = authorizedAction("operator", async (actor, _prev: unknown, form: FormData) => {
  const destinationId = formText(form, "destinationId");
  await unlinkMatch(destinationId, readForm(form), actor);
  revalidatePath(`/matching/${destinationId}`);
  return { message: "Link removed" };
});

export const confirmExactDomainAction = authorizedAction("operator", async (actor, _prev: unknown, form: FormData) => {
  const destinationId = formText(form, "destinationId");
  const { confirmed, ambiguous } = await confirmExactDomainSuggestions(destinationId, actor);
  revalidatePath(`/matching/${destinationId}`);
  return { message: `Linked ${confirmed} account${confirmed === 1 ? "" : "s"}${ambiguous ? `; ${ambiguous} share a domain with several and need a person` : ""}` };
});
