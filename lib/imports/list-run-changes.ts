// The review of one run: new / changed / removed deals with their field-level diffs. The deals
// an applied run created, and a rollback's removals of them, have no DealChange row: they are
// derived (./derived-deal-changes.ts). A held run's review is its stored diff against the live
// data (StagedImportRow "change" rows): new deals there have no id yet.
import "server-only";
import { z } from "zod";
import { getDb, Prisma } from "@/lib/db/client";
import { containsPattern, containsText } from "@/lib/db/contains-text";
import type { FieldChange } from "./canonical";
import { derivedChangesOfRun } from "./derived-deal-changes";

export const listRunChangesSchema = z.object({
  kind: z.enum(["new", "changed", "removed"]).optional(),
  /** Deal name or id contains (case-insensitive). */
  q: z.string().trim().max(200).optional().transform((v) => v || undefined),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListRunChangesInput = z.input<typeof listRunChangesSchema>;

export interface RunChangeView {
  kind: "new" | "changed" | "removed";
  restored: boolean;
  fields: FieldChange[];
  deal: {
    /** Null for a deal a held run would create. */
    id: string | null;
    externalId: string;
    name: string;
    stage: string | null;
    pipeline: string | null;
    owner: string | null;
    amountMinor: bigint | null;
    currency: string | null;
    closeDate: Date | null;
  };
}

const DEAL_VIEW = { id: true, externalId: true, name: true, stage: true, pipeline: true, owner: true, amountMinor: true, currency: true, closeDate: true } as const;

/**
 * An applied run's changes in three parts, in this order: its DealChange rows but removals
 * (changed, back after a removal; "new" rows of runs applied before creations were derived),
 * the changes it has no rows for, by the deal's id as the source wrote it (an import's
 * creations, a rollback's removals of them: ./derived-deal-changes.ts), then its removals.
 */
export async function listRunChanges(runId: string, input: ListRunChangesInput = {}): Promise<{ changes: RunChangeView[]; total: number; byKind: Record<string, number> }> {
  const { kind, q, limit, offset } = listRunChangesSchema.parse(input);
  const db = getDb();
  const run = await db.importRun.findUnique({ where: { id: runId }, select: { status: true, rollbackOfRunId: true } });
  if (!run) return { changes: [], total: 0, byKind: {} };
  if (run.status === "held") return listHeldChanges(runId, { kind, q, limit, offset });
  const dealMatches = q ? { OR: [{ name: containsText(q) }, { externalId: containsText(q) }] } : {};
  const storedPart = (kinds: { not: string } | string, wanted: boolean): Part => {
    const where = { runId, kind: kinds, ...(q ? { deal: dealMatches } : {}) };
    return {
      wanted,
      count: () => db.dealChange.count({ where }),
      rows: (skip, take) => db.dealChange.findMany({ where, orderBy: { id: "asc" }, skip, take, include: { deal: { select: DEAL_VIEW } } }).then((rows) => rows.map(storedChange)),
    };
  };
  const derived = derivedChangesOfRun(run);
  const like = q ? containsPattern(q) : null;
  // The run's source as well: its (sourceId, externalId) index lists a large run in order.
  const derivedDeals = (filtered: boolean) => Prisma.sql`
    from "Deal" d, (select id, "sourceId", "rollbackOfRunId" from "ImportRun" where id = ${runId}) r
    where d."sourceId" = r."sourceId" and ${Prisma.raw(derived.where)}
      and (${filtered ? like : null}::text is null or d.name ilike ${like} or d."externalId" ilike ${like})`;
  const countDerived = async (filtered: boolean) => Number((await db.$queryRaw<{ n: bigint }[]>`select count(*) as n ${derivedDeals(filtered)}`)[0].n);
  const parts: Part[] = [
    storedPart(kind ?? { not: "removed" }, kind !== "removed"),
    {
      wanted: kind === undefined || kind === derived.kind,
      count: () => countDerived(true),
      rows: async (skip, take) => {
        const deals = await db.$queryRaw<RunChangeView["deal"][]>`
          select d.id, d."externalId", d.name, d.stage, d.pipeline, d.owner, d."amountMinor", d.currency, d."closeDate" ${derivedDeals(true)}
          order by d."externalId" limit ${take} offset ${skip}`;
        return deals.map((deal): RunChangeView => ({ kind: derived.kind, restored: false, fields: [], deal }));
      },
    },
    storedPart("removed", kind === undefined || kind === "removed"),
  ];
  const [counts, grouped, derivedTotal] = await Promise.all([
    Promise.all(parts.map((part) => (part.wanted ? part.count() : 0))),
    db.dealChange.groupBy({ by: ["kind"], where: { runId }, _count: { _all: true } }),
    kind === undefined && !q ? null : countDerived(false),
  ]);
  const byKind: Record<string, number> = Object.fromEntries(grouped.map((g) => [g.kind, g._count._all]));
  const derivedCount = derivedTotal ?? counts[1];
  if (derivedCount > 0) byKind[derived.kind] = (byKind[derived.kind] ?? 0) + derivedCount;
  // The page: `limit` rows from `offset` on, across the parts in order.
  const changes: RunChangeView[] = [];
  let skip = offset;
  for (const [i, part] of parts.entries()) {
    if (changes.length === limit) break;
    if (skip >= counts[i]) {
      skip -= counts[i];
      continue;
    }
    changes.push(...(await part.rows(skip, limit - changes.length)));
    skip = 0;
  }
  return { changes, total: counts.reduce((sum, n) => sum + n, 0), byKind };
}

type Part = { wanted: boolean; count: () => Promise<number>; rows: (skip: number, take: number) => Promise<RunChangeView[]> };

function storedChange(r: { kind: string; diff: unknown; deal: RunChangeView["deal"] }): RunChangeView {
  const diff = (r.diff ?? {}) as { fields?: FieldChange[]; restored?: boolean };
  return { kind: r.kind as RunChangeView["kind"], restored: diff.restored === true, fields: diff.fields ?? [], deal: r.deal };
}

type HeldDeal = Omit<RunChangeView["deal"], "amountMinor" | "closeDate"> & { amountMinor: string | null; closeDate: string | null };

async function listHeldChanges(runId: string, filter: z.output<typeof listRunChangesSchema>) {
  const db = getDb();
  const kind = filter.kind ?? null;
  const like = filter.q ? containsPattern(filter.q) : null;
  const [rows, totals, grouped] = await Promise.all([
    db.$queryRaw<{ data: { kind: RunChangeView["kind"]; restored: boolean; fields: FieldChange[]; deal: HeldDeal } }[]>`
      select data from "StagedImportRow"
      where "runId" = ${runId} and kind = 'change' and (${kind}::text is null or data ->> 'kind' = ${kind})
        and (${like}::text is null or data -> 'deal' ->> 'name' ilike ${like} or data -> 'deal' ->> 'externalId' ilike ${like})
      order by seq limit ${filter.limit} offset ${filter.offset}`,
    db.$queryRaw<{ n: bigint }[]>`
      select count(*) as n from "StagedImportRow"
      where "runId" = ${runId} and kind = 'change' and (${kind}::text is null or data ->> 'kind' = ${kind})
        and (${like}::text is null or data -> 'deal' ->> 'name' ilike ${like} or data -> 'deal' ->> 'externalId' ilike ${like})`,
    db.$queryRaw<{ kind: string; n: bigint }[]>`
      select data ->> 'kind' as kind, count(*) as n from "StagedImportRow" where "runId" = ${runId} and kind = 'change' group by 1`,
  ]);
  return {
    changes: rows.map(({ data }) => ({
      kind: data.kind,
      restored: data.restored,
      fields: data.fields,
      deal: {
        ...data.deal,
        amountMinor: data.deal.amountMinor === null ? null : BigInt(data.deal.amountMinor),
        closeDate: data.deal.closeDate === null ? null : new Date(`${data.deal.closeDate}T00:00:00Z`),
      },
    })),
    total: Number(totals[0]?.n ?? 0),
    byKind: Object.fromEntries(grouped.map((g) => [g.kind, Number(g.n)])),
  };
}
