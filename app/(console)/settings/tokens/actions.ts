"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/app/_lib/action";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";

export const createTokenAction = authorizedAction("signedIn", async (actor, _prev: unknown, form: FormData) => {
  const created = await createApiToken(actor, {
    name: String(form.get("name") ?? ""),
    expiresInDays: form.get("expiresInDays") ? String(form.get("expiresInDays")) : undefined,
  });
  revalidatePath("/settings/tokens");
  return { token: created.token, name: created.name };
});

export const revokeTokenAction = authorizedAction("signedIn", async (actor, form: FormData) => {
  await revokeApiToken(actor, String(form.get("tokenId") ?? ""));
  revalidatePath("/settings/tokens");
});
