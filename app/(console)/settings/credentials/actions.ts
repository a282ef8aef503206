"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/app/_lib/action";
import { formCheckbox, formText, readForm } from "@/app/_lib/form-data";
import { deleteCredential } from "@/lib/credentials/delete-credential";
import { saveCredential } from "@/lib/credentials/save-credential";
import { testCredentialConnection } from "@/lib/credentials/test-connection";
import { setAllowPrivateEndpoints } from "@/lib/settings/allow-private-endpoints";

const PATH = "/settings/credentials";

export const saveCredentialAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  const { credential, created } = await saveCredential(readForm(form), actor);
  revalidatePath(PATH);
  // Only the summary goes back to the browser: never the secret that was just posted.
  return { message: `${created ? "Saved" : "Replaced the secret of"} "${credential.name}" (ends in …${credential.last4 || "????"})` };
});

export const deleteCredentialAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  const deleted = await deleteCredential(formText(form, "id"), actor);
  revalidatePath(PATH);
  return { message: `Deleted "${deleted.name}"` };
});

export const testConnectionAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  const result = await testCredentialConnection(readForm(form), actor);
  return { ok: result.ok, message: result.message, endpoint: result.endpoint, durationMs: result.durationMs };
});

export const setAllowPrivateEndpointsAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  const { allow } = await setAllowPrivateEndpoints({ allow: formCheckbox(form, "allow") }, actor);
  revalidatePath(PATH);
  return { message: allow ? "Private and http endpoints are allowed" : "Only public https endpoints are allowed" };
});
