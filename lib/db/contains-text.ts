// Search text anywhere in a column, as typed. ILIKE reads % and _ as wildcards and \ as its
// escape, and Prisma hands `contains` to it unescaped: "50%" would match any 50 and a lone "%"
// every row (a full scan). Both helpers escape them first.
import type { Prisma } from "@/lib/db/generated/client";

const escapeLike = (q: string) => q.replace(/[\\%_]/g, "\\$&");

/** A Prisma filter: `q` anywhere in the column, case-insensitive. */
export function containsText(q: string): Prisma.StringFilter {
  return { contains: escapeLike(q), mode: "insensitive" };
}

/** The ILIKE pattern for `q` anywhere, for raw SQL. */
export function containsPattern(q: string): string {
  return `%${escapeLike(q)}%`;
}
