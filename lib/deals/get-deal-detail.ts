// Everything the deal page shows: fields and properties, account and contacts, where the
// deal came from, what each import changed, and every push to every destination.
import "server-only";
import { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
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

const CHANGE_RUN = { id: true, startedAt: true, status: true, source: { select: { name: true } } } as const;

/**
 * GET /api/v1/deals/{id}: the page's detail plus the deal's latest changes and push attempts.
 * Its creation is the oldest change, with id null: the run that created it (firstSeenRunId)
 * wrote no DealChange row, unless it ran before creations were derived.
 */
export async function getDealDetailWithHistory(id: string, db: Db = getDb()) {
  const detail = await getDealDetail(id, db);
  const createdBy = detail.deal.firstSeenRunId;
  const [changes, pushes, creation] = await Promise.all([
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
    createdBy
      ? db.importRun.findFirst({ where: { id: createdBy, changes: { none: { dealId: id, kind: "new" } } }, select: CHANGE_RUN })
      : null,
  ]);
  const listed = changes.map((c): { id: bigint | null; kind: string; run: typeof c.run; fields: FieldChangeView[] } => ({ id: c.id, kind: c.kind, run: c.run, fields: parseFieldChanges(c.diff) }));
  if (creation && changes.length < HISTORY_LIMIT) listed.push({ id: null, kind: "new", run: creation, fields: [] });
  return { ...detail, changes: listed, pushes };
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
