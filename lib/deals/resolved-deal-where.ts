import "server-only";
import { getDb, type Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { containsText } from "@/lib/db/contains-text";
import { dealWhere, type DealFilter } from "./deal-filter";
import type { LatestDealRun } from "./deal-import-status";

// Above this many ids a half resolved first keeps the relation filter (correct, slower)
// rather than sending a huge id list.
const MAX_RESOLVED_IDS = 5_000;

/**
 * dealWhere for queries that must stay on indexes. Conditions whose second half is a relation
 * are resolved to ids first, so PostgreSQL can OR two index scans (or join once) instead of
 * testing a subquery on every deal (which also leaves it guessing how many deals match):
 * - the account-name half of the text search → account ids (trigram on Deal.name OR accountId);
 * - the linked-deals half of the source filter → the groups with a deal from those sources
 *   (sourceId OR id);
 * - the account filter → the ids of the account's link group (accountId IN …);
 * - the linked-deals half of pushed to / not pushed to → the groups with a member pushed
 *   there; with none (the usual case) the filter is a plain semi/anti-join on Link, which
 *   PostgreSQL estimates from Link's statistics.
 */
export async function resolvedDealWhere(filter: DealFilter, db: Pick<Db, "account" | "deal" | "source"> = getDb()): Promise<Prisma.DealWhereInput> {
  const [text, source, account, pushedTo, notPushedTo, latestRuns] = await Promise.all([
    textCondition(filter.q, db),
    sourceCondition(filter.source, db),
    accountCondition(filter.account, db),
    pushedCondition(filter.pushedTo, true, db),
    pushedCondition(filter.notPushedTo, false, db),
    latestDealRunsFor(filter, db),
  ]);
  const resolved = { q: text, source, account, pushedTo, notPushedTo };
  const rest = { ...filter };
  for (const [key, condition] of Object.entries(resolved)) if (condition !== undefined) delete rest[key as keyof typeof resolved];
  const conditions = Object.values(resolved).flatMap((condition) => condition ?? []);
  return conditions.length ? { AND: [dealWhere(rest, latestRuns), ...conditions] } : dealWhere(filter, latestRuns);
}

/** The sources' latest import runs when the filter asks for new or changed deals (none otherwise). */
export async function latestDealRunsFor(filter: DealFilter, db: Pick<Db, "source"> = getDb()): Promise<LatestDealRun[]> {
  if (filter.status !== "new" && filter.status !== "changed") return [];
  const sources = await db.source.findMany({ select: { id: true, latestDealRunId: true } });
  return sources.map((s) => ({ sourceId: s.id, runId: s.latestDealRunId }));
}

type Resolved = Prisma.DealWhereInput[] | undefined;

async function textCondition(q: string | undefined, db: Pick<Db, "account">): Promise<Resolved> {
  if (!q) return undefined;
  const accounts = await db.account.findMany({ where: { name: containsText(q) }, select: { id: true }, take: MAX_RESOLVED_IDS + 1 });
  if (accounts.length > MAX_RESOLVED_IDS) return undefined;
  return [{ OR: [{ name: containsText(q) }, ...(accounts.length ? [{ accountId: { in: accounts.map((a) => a.id) } }] : [])] }];
}

/** The link groups (their root deal ids) that linked deals matching `where` belong to; undefined past MAX_RESOLVED_IDS. */
async function linkGroupsOf(where: Prisma.DealWhereInput, db: Pick<Db, "deal">): Promise<string[] | undefined> {
  const members = await db.deal.findMany({
    where: { ...where, linkedToDealId: { not: null } },
    select: { linkedToDealId: true },
    distinct: ["linkedToDealId"],
    take: MAX_RESOLVED_IDS + 1,
  });
  return members.length > MAX_RESOLVED_IDS ? undefined : members.map((m) => m.linkedToDealId!);
}

async function sourceCondition(source: string[] | undefined, db: Pick<Db, "deal">): Promise<Resolved> {
  if (!source?.length) return undefined;
  const groups = await linkGroupsOf({ sourceId: { in: source } }, db);
  if (!groups) return undefined;
  return [{ OR: [{ sourceId: { in: source } }, ...(groups.length ? [{ id: { in: groups } }] : [])] }];
}

async function accountCondition(account: string | undefined, db: Pick<Db, "account">): Promise<Resolved> {
  if (!account) return undefined;
  const found = await db.account.findUnique({ where: { id: account }, select: { id: true, linkedToAccountId: true } });
  const group = found?.linkedToAccountId ?? account;
  const members = await db.account.findMany({ where: { OR: [{ id: group }, { linkedToAccountId: group }] }, select: { id: true }, take: MAX_RESOLVED_IDS + 1 });
  if (members.length > MAX_RESOLVED_IDS) return undefined;
  return [{ accountId: { in: members.length ? members.map((m) => m.id) : [account] } }];
}

async function pushedCondition(destinationId: string | undefined, pushed: boolean, db: Pick<Db, "deal">): Promise<Resolved> {
  if (!destinationId) return undefined;
  const link = { destinationId };
  const groups = await linkGroupsOf({ links: { some: link } }, db);
  if (!groups) return undefined;
  if (pushed) return [groups.length ? { OR: [{ links: { some: link } }, { id: { in: groups } }] } : { links: { some: link } }];
  return [{ links: { none: link }, ...(groups.length ? { id: { notIn: groups } } : {}) }];
}
