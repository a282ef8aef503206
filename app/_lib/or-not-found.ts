import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";

/** For detail pages: a lib `not_found` becomes Next's 404 page instead of a 500. */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
}
