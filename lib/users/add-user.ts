import "server-only";
import { generatePassword } from "@/lib/auth/passwords";
import type { Actor } from "@/lib/auth/permissions";
import { createUser } from "./create-user";
import { addUserSchema } from "./schemas";

/** Adds a user with a generated password, returned once for the admin to hand over. */
export async function addUser(input: unknown, actor: Actor | null) {
  const data = addUserSchema.parse(input);
  const password = generatePassword();
  const user = await createUser({ ...data, password }, actor);
  return { user, password };
}
