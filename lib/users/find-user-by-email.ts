import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { emailSchema } from "./schemas";

/** The user id for an e-mail (any case); unknown → not_found. For the CLI, which names users by e-mail. */
export async function findUserIdByEmail(email: string): Promise<string> {
  const normalised = emailSchema.parse(email);
  const user = await getDb().user.findUnique({ where: { email: normalised }, select: { id: true } });
  if (!user) throw new AppError("not_found", `No user with e-mail ${normalised}`);
  return user.id;
}
