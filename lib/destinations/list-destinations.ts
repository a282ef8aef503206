import "server-only";
import { getDb } from "@/lib/db/client";

/** Every destination by name, with its credential's name and last four characters (never the secret). */
export async function listDestinations() {
  return getDb().destination.findMany({
    orderBy: { name: "asc" },
    include: { credential: { select: { id: true, name: true, kind: true, last4: true } } },
  });
}
