// Everything the deal page shows: fields and properties, account and contacts, where the
// deal came from, what each import changed, and every push to every destination.
import "server-only";
import { z } from "zod";
import { getDb, Prisma, type Db } from "@/lib/db/client";
import { DERIVED_CHANGES_OF_DEAL } from "@/lib/imports/derived-deal-changes";
import { AppError } from "@/lib/errors";
import { dealImportStatus } from "./deal-import-status";
import { loadLinkedFieldPreferences } from "./linked-field-sources";
import { LINKED_FIELDS, linkedFieldWinners, type LinkedField } from "./linked-field-winners";

const HISTORY_LIMIT = 200;

/** Provenance as imports write it; unknown keys are kept for display. */
const provenanceSchema = z
  .object({ runId: z.string().optional(), file: z.string().optional(), line: z.number().optional() })
  .catchall(z.unknown())
  .catch({});

const jsonValue = z.unknown().transform((v) => (v === undefined ? null : v));
const fieldChangeSchema = z.object({ field: z.string(), before: jsonValue, after: jsonValue });
/** DealChange.diff: { fields: [...] } as imports and rollbacks write it, or a bare list; anything else shows as no field detail. */
const changeDiffSchema = z
  .union([z.array(fieldChangeSchema), z.object({ fields: z.array(fieldChangeSchema) }).transform((d) => d.fields)])
  .catch([]);

export type FieldChangeView = z.infer<typeof fieldChangeSchema>;

/** A DealChange.diff's field changes (none when it records no field detail). */
export const parseFieldChanges = (diff: unknown): FieldChangeView[] => changeDiffSchema.parse(diff);

/** The deal page: the deal, where it came from and its link group (its history is the timeline's, ./deal-timeline.ts). */
export async function getDealDetail(id: string, db: Db = getDb()) {
  const row = await db.deal.findUnique({
    where: { id },
    include: {
      source: { select: { id: true, name: true, kind: true, latestDealRunId: true } },
      account: {
        include: {
          contacts: { where: { removedAt: null }, orderBy: [{ isPrimary: "desc" }, { lastName: "asc" }], take: 100 },
        },
      },
      links: { include: { destination: { select: { id: true, name: true, kind: true } } }, orderBy: { pushedAt: "desc" } },
    },
  });
  if (!row) throw new AppError("not_found", `No deal with id ${id}`);
  // lastImportStatus as the deal's status in its source's latest import run (./deal-import-status.ts).
  const { latestDealRunId, ...source } = row.source;
  const deal = { ...row, source, lastImportStatus: dealImportStatus(row, latestDealRunId) };

  const provenance = provenanceSchema.parse(deal.provenance);
  const provenanceRun = provenance.runId
    ? await db.importRun.findUnique({ where: { id: provenance.runId }, select: { id: true, number: true, startedAt: true } })
    : null;

  return {
    deal,
    provenance: { ...provenance, run: provenanceRun },
    linkGroup: await loadLinkGroup(deal.linkedToDealId ?? deal.id, db),
  };
}

const CHANGE_RUN = { id: true, startedAt: true, finishedAt: true, status: true, source: { select: { name: true } } } as const;

/**
 * GET /api/v1/deals/{id}: the page's detail plus the deal's latest changes and push attempts.
 * Changes runs made without a DealChange row (its creation, its removal by a rollback of that
 * run: lib/imports/derived-deal-changes.ts) have id null, in their runs' order.
 */
export async function getDealDetailWithHistory(id: string, db: Db = getDb()) {
  const detail = await getDealDetail(id, db);
  const [changes, pushes, derived] = await Promise.all([
    db.dealChange.findMany({
      where: { dealId: id },
      orderBy: { id: "desc" },
      take: HISTORY_LIMIT,
      include: { run: { select: CHANGE_RUN } },
    }),
    db.syncItem.findMany({
      where: { dealId: id },
      orderBy: { id: "desc" },
      take: HISTORY_LIMIT,
      select: {
        id: true,
        state: true,
        attempt: true,
        externalId: true,
        error: true,
        updatedAt: true,
        run: { select: { id: true, dryRun: true, createdAt: true, destination: { select: { id: true, name: true, kind: true } } } },
      },
    }),
    db.$queryRaw<{ kind: string; runId: string }[]>`select dc.kind, dc."runId" from "Deal" d cross join lateral (${Prisma.raw(DERIVED_CHANGES_OF_DEAL("d"))}) dc where d.id = ${id}`,
  ]);
  const derivedRuns = await db.importRun.findMany({ where: { id: { in: derived.map((c) => c.runId) } }, select: CHANGE_RUN });
  const listed: { id: bigint | null; kind: string; run: (typeof derivedRuns)[number]; fields: FieldChangeView[] }[] = [
    ...changes.map((c) => ({ id: c.id, kind: c.kind, run: c.run, fields: parseFieldChanges(c.diff) })),
    ...derived.map(({ kind, runId }) => ({ id: null, kind, run: derivedRuns.find((r) => r.id === runId)!, fields: [] })),
  ];
  // Newest first, by when each run took effect (as the timeline orders them); rows of one run by id.
  const at = (run: { finishedAt: Date | null; startedAt: Date }) => (run.finishedAt ?? run.startedAt).getTime();
  const rowId = (change: { id: bigint | null }) => change.id ?? -1n;
  listed.sort((a, b) => at(b.run) - at(a.run) || (rowId(b) > rowId(a) ? 1 : rowId(b) < rowId(a) ? -1 : 0));
  return { ...detail, changes: listed.slice(0, HISTORY_LIMIT), pushes };
}

export type DealDetail = Awaited<ReturnType<typeof getDealDetail>>;

/** The deals of other sources that are the same record, what each says, and whose value wins per field (null: not linked). */
async function loadLinkGroup(rootId: string, db: Db) {
  const members = await db.deal.findMany({
    where: { removedAt: null, OR: [{ id: rootId }, { linkedToDealId: rootId }] },
    select: {
      id: true,
      externalId: true,
      sourceId: true,
      updatedAt: true,
      name: true,
      stage: true,
      pipeline: true,
      owner: true,
      amountMinor: true,
      currency: true,
      closeDate: true,
      sourceCreatedAt: true,
      account: { select: { id: true, name: true } },
      source: { select: { id: true, name: true } },
    },
    orderBy: { updatedAt: "desc" },
  });
  if (members.length < 2) return null;
  const preferences = await loadLinkedFieldPreferences(db);
  const winners = linkedFieldWinners(members, preferences);
  return { members, preferences, winners: Object.fromEntries(LINKED_FIELDS.map((f) => [f, winners[f].id])) as Record<LinkedField, string> };
}
