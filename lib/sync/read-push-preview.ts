// A kept push preview (build-push-preview.ts) read back: the summary counted in SQL, the
// reasons deals can't be sent grouped with counts, and one page of items at a time, so
// a page view costs the same at 50 deals and at 50,000.
import "server-only";
import { z } from "zod";
import { getDb, Prisma } from "@/lib/db/client";
import { dealSelectionSchema, type DealSelection } from "@/lib/deals/deal-filter";
import { AppError } from "@/lib/errors";

export const PREVIEW_PAGE_SIZE = 50;
/** Reasons listed by name; any more are summed as "other reasons". */
const REASONS_SHOWN = 50;

export const previewIdSchema = z.string().trim().min(1).max(64);

export type PushPreviewSummary = {
  id: string;
  destination: { id: string; name: string; kind: string };
  selection: DealSelection;
  options: Record<string, string>;
  createdAt: Date;
  /** Deals the selection meant when the preview was built. */
  total: number;
  /** Not excluded: what a push would hold. */
  included: number;
  ready: number;
  blocked: number;
  /** Ready deals pushed there before (a push updates them). */
  updates: number;
  excluded: number;
  reasons: { reason: string; count: number }[];
  /** Blocked deals whose reasons are beyond the ones listed. */
  otherReasons: number;
};

export async function getPushPreview(previewId: string): Promise<PushPreviewSummary> {
  const db = getDb();
  const preview = await db.pushPreview.findUnique({ where: { id: previewIdSchema.parse(previewId) }, include: { destination: { select: { id: true, name: true, kind: true } } } });
  if (!preview) throw new AppError("not_found", "This preview has expired or was replaced; preview again");
  const [counts] = await db.$queryRaw<{ total: number; included: number; ready: number; blocked: number; updates: number; excluded: number }[]>`
    SELECT count(*)::int AS total,
      count(*) FILTER (WHERE NOT excluded)::int AS included,
      count(*) FILTER (WHERE ok AND NOT excluded)::int AS ready,
      count(*) FILTER (WHERE NOT ok AND NOT excluded)::int AS blocked,
      count(*) FILTER (WHERE ok AND "isUpdate" AND NOT excluded)::int AS updates,
      count(*) FILTER (WHERE excluded)::int AS excluded
    FROM "PushPreviewItem" WHERE "previewId" = ${preview.id}`;
  const reasons = await db.$queryRaw<{ reason: string; count: number }[]>`
    SELECT reason, count(*)::int AS count
    FROM "PushPreviewItem", unnest(reasons) AS reason
    WHERE "previewId" = ${preview.id} AND NOT excluded
    GROUP BY reason ORDER BY count(*) DESC, reason
    LIMIT ${REASONS_SHOWN + 1}`;
  let otherReasons = 0;
  if (reasons.length > REASONS_SHOWN) {
    const shown = reasons.slice(0, REASONS_SHOWN).map((r) => r.reason);
    otherReasons = await db.pushPreviewItem.count({ where: { previewId: preview.id, ok: false, excluded: false, NOT: { reasons: { hasSome: shown } } } });
  }
  return {
    id: preview.id,
    destination: preview.destination,
    selection: dealSelectionSchema.parse(preview.selection),
    options: preview.options as Record<string, string>,
    createdAt: preview.createdAt,
    ...counts,
    reasons: reasons.slice(0, REASONS_SHOWN),
    otherReasons,
  };
}

export const PREVIEW_ITEM_VIEWS = ["ready", "blocked", "excluded"] as const;

export const previewItemsQuerySchema = z.object({
  view: z.enum(PREVIEW_ITEM_VIEWS).catch("ready"),
  /** Only the deals with this reason (a grouped problem, as the summary lists it). */
  reason: z.string().max(2000).optional(),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
/** As a URL gives it: anything unknown falls back to the first page of ready deals. */
export type PreviewItemsQuery = { view?: string; reason?: string; page?: string | number };

export type PushPreviewItemRow = {
  dealId: string;
  externalId: string;
  name: string;
  ok: boolean;
  isUpdate: boolean;
  payload: unknown;
  notes: string[];
  problems: string[];
};

function itemsWhere(previewId: string, query: z.output<typeof previewItemsQuerySchema>): Prisma.PushPreviewItemWhereInput {
  return {
    previewId,
    excluded: query.view === "excluded",
    ...(query.view === "ready" ? { ok: true } : query.view === "blocked" ? { ok: false } : {}),
    ...(query.reason ? { reasons: { has: query.reason } } : {}),
  };
}

/** One page of a preview's items, in deal-id order (the order the run would use). */
export async function listPushPreviewItems(previewId: string, input: PreviewItemsQuery) {
  const query = previewItemsQuerySchema.parse(input);
  const db = getDb();
  const where = itemsWhere(previewIdSchema.parse(previewId), query);
  const total = await db.pushPreviewItem.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / PREVIEW_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const items = await db.pushPreviewItem.findMany({ where, orderBy: { dealId: "asc" }, skip: (page - 1) * PREVIEW_PAGE_SIZE, take: PREVIEW_PAGE_SIZE });
  const deals = await db.deal.findMany({ where: { id: { in: items.map((i) => i.dealId) } }, select: { id: true, externalId: true, name: true } });
  const byId = new Map(deals.map((d) => [d.id, d]));
  const rows: PushPreviewItemRow[] = items.map((item) => ({
    dealId: item.dealId,
    // A deal deleted since the preview still shows, by id.
    externalId: byId.get(item.dealId)?.externalId ?? item.dealId,
    name: byId.get(item.dealId)?.name ?? "(deleted deal)",
    ok: item.ok,
    isUpdate: item.isUpdate,
    payload: item.payload,
    notes: item.notes,
    problems: item.problems,
  }));
  return { view: query.view, reason: query.reason ?? null, items: rows, total, page, pageCount };
}

/** The deals a push from this preview sends: everything not excluded, or only the ready ones. */
export async function previewDealIds(previewId: string, readyOnly: boolean): Promise<string[]> {
  const items = await getDb().pushPreviewItem.findMany({
    where: { previewId: previewIdSchema.parse(previewId), excluded: false, ...(readyOnly ? { ok: true } : {}) },
    select: { dealId: true },
    orderBy: { dealId: "asc" },
  });
  return items.map((i) => i.dealId);
}
