// The review of one run: new / changed / removed deals with their field-level diffs. A held
// run's review is its stored diff against the live data (StagedImportRow "change" rows): new
// deals there have no id yet.
import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { containsPattern, containsText } from "@/lib/db/contains-text";
import type { FieldChange } from "./canonical";

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

export async function listRunChanges(runId: string, input: ListRunChangesInput = {}): Promise<{ changes: RunChangeView[]; total: number; byKind: Record<string, number> }> {
  const { kind, q, limit, offset } = listRunChangesSchema.parse(input);
  const db = getDb();
  const run = await db.importRun.findUnique({ where: { id: runId }, select: { status: true } });
  if (run?.status === "held") return listHeldChanges(runId, { kind, q, limit, offset });
  const where = {
    runId,
    ...(kind ? { kind } : {}),
    ...(q ? { deal: { OR: [{ name: containsText(q) }, { externalId: containsText(q) }] } } : {}),
  };
  const [rows, total, grouped] = await Promise.all([
    db.dealChange.findMany({
      where,
      orderBy: { id: "asc" },
      take: limit,
      skip: offset,
      include: {
        deal: { select: { id: true, externalId: true, name: true, stage: true, pipeline: true, owner: true, amountMinor: true, currency: true, closeDate: true } },
      },
    }),
    db.dealChange.count({ where }),
    db.dealChange.groupBy({ by: ["kind"], where: { runId }, _count: { _all: true } }),
  ]);
  return {
    changes: rows.map((r) => {
      const diff = (r.diff ?? {}) as { fields?: FieldChange[]; restored?: boolean };
      return { kind: r.kind as RunChangeView["kind"], restored: diff.restored === true, fields: diff.fields ?? [], deal: r.deal };
    }),
    total,
    byKind: Object.fromEntries(grouped.map((g) => [g.kind, g._count._all])),
  };
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
