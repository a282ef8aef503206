import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

const destinationRefSchema = z.string().trim().min(1).max(100);

/** A destination by id or name. */
export async function findDestination(idOrName: string) {
  const ref = destinationRefSchema.parse(idOrName);
  const found = await getDb().destination.findFirst({ where: { OR: [{ id: ref }, { name: ref }] } });
  if (!found) throw new AppError("not_found", `No destination "${ref}"`);
  return found;
}
