"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/app/_lib/action";
import { formText, readForm } from "@/app/_lib/form-data";
import { revokeApiToken } from "@/lib/auth/api-tokens";
import { addUser } from "@/lib/users/add-user";
import { changeUserRole } from "@/lib/users/change-user-role";
import { resetUserPassword } from "@/lib/users/reset-user-password";
import { setUserDisabled } from "@/lib/users/set-user-disabled";

const PATH = "/settings/users";

export const addUserAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  const { user, password } = await addUser(readForm(form), actor);
  revalidatePath(PATH);
  return { email: user.email, password };
});

export const changeUserRoleAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  const result = await changeUserRole(readForm(form), actor);
  revalidatePath(PATH);
  return { message: result.changed ? `${result.email} is now ${result.role}; their sessions ended` : `${result.email} is already ${result.role}` };
});

export const setUserDisabledAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  const result = await setUserDisabled({ userId: formText(form, "userId"), disabled: form.get("disabled") === "true" }, actor);
  revalidatePath(PATH);
  return {
    message: result.disabled
      ? `Disabled ${result.email}; their sessions ended and ${result.revokedTokens} API token${result.revokedTokens === 1 ? " was" : "s were"} revoked`
      : `Enabled ${result.email}`,
  };
});

export const resetUserPasswordAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  const result = await resetUserPassword(formText(form, "userId"), actor);
  return { email: result.email, password: result.password };
});

export const revokeUserTokenAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  await revokeApiToken(actor, formText(form, "tokenId"));
  revalidatePath(PATH);
  return { message: "Revoked" };
});
