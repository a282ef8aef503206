import "server-only";
import { getDb, type Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { dealWhere, type DealFilter } from "./deal-filter";

// Above this many matching accounts the search keeps the relation filter (correct, slower)
// rather than sending a huge id list.
const MAX_SEARCH_ACCOUNT_IDS = 5_000;

/**
 * dealWhere for queries that must stay on indexes: the account-name half of the text search
 * is resolved to account ids first, so PostgreSQL can OR two index scans (trigram on
 * Deal.name, accountId) instead of probing Account for every deal.
 */
export async function resolvedDealWhere(filter: DealFilter, db: Pick<Db, "account"> = getDb()): Promise<Prisma.DealWhereInput> {
  if (!filter.q) return dealWhere(filter);
  const accounts = await db.account.findMany({
    where: { name: { contains: filter.q, mode: "insensitive" } },
    select: { id: true },
    take: MAX_SEARCH_ACCOUNT_IDS + 1,
  });
  if (accounts.length > MAX_SEARCH_ACCOUNT_IDS) return dealWhere(filter);
  const withoutText = dealWhere({ ...filter, q: undefined });
  const text: Prisma.DealWhereInput = {
    OR: [
      { name: { contains: filter.q, mode: "insensitive" } },
      ...(accounts.length ? [{ accountId: { in: accounts.map((a) => a.id) } }] : []),
    ],
  };
  return { AND: [withoutText, text] };
}
