import { notFound } from "next/navigation";
import { toAppError } from "@/lib/errors";

/** For every detail page: a lib `not_found` (or Prisma's missing record) becomes Next's 404 page instead of a 500. */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (err) {
    if (toAppError(err).code === "not_found") notFound();
    throw err;
  }
}
