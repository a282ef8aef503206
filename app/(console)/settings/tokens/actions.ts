"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/app/_lib/action";
import { formText } from "@/app/_lib/form-data";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";

export const createTokenAction = authorizedAction("signedIn", async (actor, _prev: unknown, form: FormData) => {
  const created = await createApiToken(actor, {
    name: formText(form, "name"),
    expiresInDays: formText(form, "expiresInDays") || undefined,
  });
  revalidatePath("/settings/tokens");
  return { token: created.token, name: created.name };
});

export const revokeTokenAction = authorizedAction("signedIn", async (actor, form: FormData) => {
  await revokeApiToken(actor, formText(form, "tokenId"));
  revalidatePath("/settings/tokens");
});
