// The review of one run: new / changed / removed deals with their field-level diffs.
import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
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
    id: string;
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
  const where = {
    runId,
    ...(kind ? { kind } : {}),
    ...(q ? { deal: { OR: [{ name: { contains: q, mode: "insensitive" as const } }, { externalId: { contains: q, mode: "insensitive" as const } }] } } : {}),
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
