// The "Links between sources" part of an import's review: deals this run linked to another
// source's deal, suggestions it made for an operator to confirm, and linked deals whose
// sources disagree on the stage or the amount.
import { getDb, Prisma } from "@/lib/db/client";
import { CREATED_BY_RUN, REMOVED_AS_CREATED_BY_RUN } from "./derived-deal-changes";

const LIMIT = 200;

const dealSummary = {
  id: true,
  name: true,
  externalId: true,
  stage: true,
  amountMinor: true,
  currency: true,
  linkedToDealId: true,
  source: { select: { id: true, name: true } },
} as const;

export async function listRunLinks(runId: string) {
  const db = getDb();
  const [linked, suggestions, conflictRoots] = await Promise.all([
    db.deal.findMany({ where: { linkedByRunId: runId }, select: { ...dealSummary, linkedTo: { select: dealSummary } }, orderBy: { name: "asc" }, take: LIMIT }),
    db.dealLinkSuggestion.findMany({ where: { runId }, include: { deal: { select: dealSummary }, otherDeal: { select: dealSummary } }, orderBy: { createdAt: "asc" }, take: LIMIT }),
    // Groups this run touched (a deal it changed, with a DealChange row or without: ./derived-deal-changes.ts, or it made the link) whose live deals disagree.
    db.$queryRaw<{ root: string }[]>`
      with touched as (
        select distinct coalesce(d."linkedToDealId", d.id) as root from "Deal" d, (select id, "rollbackOfRunId" from "ImportRun" where id = ${runId}) r
        where d."linkedByRunId" = r.id or d.id in (select c."dealId" from "DealChange" c where c."runId" = r.id)
          or (${Prisma.raw(CREATED_BY_RUN("d", "r"))}) or (${Prisma.raw(REMOVED_AS_CREATED_BY_RUN("d", "r"))})
      )
      select coalesce(d."linkedToDealId", d.id) as root from "Deal" d
      where d."removedAt" is null and coalesce(d."linkedToDealId", d.id) in (select root from touched)
      group by 1
      having count(*) > 1 and (count(distinct coalesce(d.stage, '')) > 1 or count(distinct coalesce(d."amountMinor"::text, '') || coalesce(d.currency, '')) > 1)
      order by 1 limit ${LIMIT}`,
  ]);
  const roots = conflictRoots.map((r) => r.root);
  const members = roots.length
    ? await db.deal.findMany({ where: { removedAt: null, OR: [{ id: { in: roots } }, { linkedToDealId: { in: roots } }] }, select: dealSummary, orderBy: { id: "asc" } })
    : [];
  const conflicts = roots.map((root) => members.filter((m) => (m.linkedToDealId ?? m.id) === root));
  return { linked, suggestions, conflicts };
}

export type RunLinks = Awaited<ReturnType<typeof listRunLinks>>;
