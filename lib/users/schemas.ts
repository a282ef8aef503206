import { z } from "zod";
import { passwordSchema } from "@/lib/auth/passwords";
import { roleSchema } from "@/lib/auth/roles";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "email must be at most 254 characters")
  .pipe(z.email("must be a valid email address"));

export const createUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().max(120).optional(),
  role: roleSchema,
  password: passwordSchema,
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const userIdSchema = z.string({ error: "user id is required" }).trim().min(1, "user id is required").max(100);

/** Adding a user from the admin UI or CLI: the password is generated and shown once. */
export const addUserSchema = createUserSchema.omit({ password: true });

export const changeUserRoleSchema = z.object({ userId: userIdSchema, role: roleSchema });

export const setUserDisabledSchema = z.object({ userId: userIdSchema, disabled: z.boolean() });
export type SetUserDisabledInput = z.input<typeof setUserDisabledSchema>;
