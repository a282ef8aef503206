"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/app/_lib/action";
import { confirmExactDomainSuggestions, confirmMatch, unlinkMatch, type ConfirmMatchInput } from "@/lib/matching/account-links";

const text = (form: FormData, name: string) => String(form.get(name) ?? "");

export const confirmMatchAction = authorizedAction("operator", async (actor, _prev: unknown, form: FormData) => {
  const destinationId = text(form, "destinationId");
  const input = { account: text(form, "account"), externalId: text(form, "externalId"), via: text(form, "via") || undefined } as ConfirmMatchInput;
  const link = await confirmMatch(destinationId, input, actor);
  revalidatePath(`/matching/${destinationId}`);
  return { message: `Linked to ${link.externalName ?? link.externalId}` };
});

export const unlinkMatchAction = authorizedAction("operator", async (actor, _prev: unknown, form: FormData) => {
  const destinationId = text(form, "destinationId");
  await unlinkMatch(destinationId, { account: text(form, "account") }, actor);
  revalidatePath(`/matching/${destinationId}`);
  return { message: "Link removed" };
});

export const confirmExactDomainAction = authorizedAction("operator", async (actor, _prev: unknown, form: FormData) => {
  const destinationId = text(form, "destinationId");
  const { confirmed, ambiguous } = await confirmExactDomainSuggestions(destinationId, actor);
  revalidatePath(`/matching/${destinationId}`);
  return { message: `Linked ${confirmed} account${confirmed === 1 ? "" : "s"}${ambiguous ? `; ${ambiguous} share a domain with several and need a person` : ""}` };
});
