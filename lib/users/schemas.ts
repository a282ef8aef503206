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
