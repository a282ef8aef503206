import "server-only";
import { getDb, type Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { dealWhere, type DealFilter } from "./deal-filter";

// Above this many ids a half resolved first keeps the relation filter (correct, slower)
// rather than sending a huge id list.
const MAX_RESOLVED_IDS = 5_000;

/**
 * dealWhere for queries that must stay on indexes. Two conditions whose second half is a
 * relation are resolved to ids first, so PostgreSQL can OR two index scans instead of testing
 * a subquery on every deal (which also leaves it guessing how many deals match):
 * - the account-name half of the text search → account ids (trigram on Deal.name OR accountId);
 * - the linked-deals half of the source filter → the groups with a deal from those sources
 *   (sourceId OR id).
 */
export async function resolvedDealWhere(filter: DealFilter, db: Pick<Db, "account" | "deal"> = getDb()): Promise<Prisma.DealWhereInput> {
  const [text, source] = await Promise.all([textCondition(filter.q, db), sourceCondition(filter.source, db)]);
  if (text === undefined && source === undefined) return dealWhere(filter);
  const rest = dealWhere({ ...filter, ...(text !== undefined ? { q: undefined } : {}), ...(source !== undefined ? { source: undefined } : {}) });
  return { AND: [rest, ...(text ?? []), ...(source ?? [])] };
}

type Resolved = Prisma.DealWhereInput[] | undefined;

async function textCondition(q: string | undefined, db: Pick<Db, "account">): Promise<Resolved> {
  if (!q) return undefined;
  const accounts = await db.account.findMany({ where: { name: { contains: q, mode: "insensitive" } }, select: { id: true }, take: MAX_RESOLVED_IDS + 1 });
  if (accounts.length > MAX_RESOLVED_IDS) return undefined;
  return [{ OR: [{ name: { contains: q, mode: "insensitive" } }, ...(accounts.length ? [{ accountId: { in: accounts.map((a) => a.id) } }] : [])] }];
}

async function sourceCondition(source: string[] | undefined, db: Pick<Db, "deal">): Promise<Resolved> {
  if (!source?.length) return undefined;
  const members = await db.deal.findMany({
    where: { sourceId: { in: source }, linkedToDealId: { not: null } },
    select: { linkedToDealId: true },
    distinct: ["linkedToDealId"],
    take: MAX_RESOLVED_IDS + 1,
  });
  if (members.length > MAX_RESOLVED_IDS) return undefined;
  const groups = members.map((m) => m.linkedToDealId!);
  return [{ OR: [{ sourceId: { in: source } }, ...(groups.length ? [{ id: { in: groups } }] : [])] }];
}
