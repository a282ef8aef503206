// A push preview is planned once and kept (PushPreview + one PushPreviewItem per deal), so a
// 10,000-deal selection is planned in batches here, then summarised and paged in SQL
// (read-push-preview.ts) instead of re-planned on every page view. Reads from the
// destination (customer and owner lookups), never writes to it.
import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import type { DealSelection } from "@/lib/deals/deal-filter";
import { openConnection } from "@/lib/destinations/open-connection";
import { parseRunOptions } from "@/lib/destinations/destination-form-values";
import { findDestination } from "@/lib/destinations/find-destination";
import { planDeals, type PlannedDeal } from "./plan-deals";
import { resolveSelection } from "./resolve-selection";

/** Deals planned per batch: one lookup round and one insert each, memory bounded by it. */
const PLAN_BATCH = 1000;
/** Previews older than this are deleted when the next one is built. */
const PREVIEW_TTL_MS = 24 * 60 * 60_000;

/** What the summary groups by: a problem with its quoted values elided, so "Stage "A" has no mapping" and "Stage "B" …" count together. */
export function reasonOf(problem: string): string {
  return problem.replace(/"[^"]*"/g, "\"…\"");
}

export async function buildPushPreview(input: { destinationId: string; selection: DealSelection; options?: Record<string, string> }, actor: Actor | null): Promise<{ id: string }> {
  const destination = await findDestination(input.destinationId);
  const options = parseRunOptions(destination.kind, input.options ?? {});
  const dealIds = await resolveSelection(input.selection);
  const opened = await openConnection(destination);
  const db = getDb();
  await db.pushPreview.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - PREVIEW_TTL_MS) } } });
  const preview = await db.pushPreview.create({
    data: {
      destinationId: destination.id,
      selection: JSON.parse(JSON.stringify(input.selection, (_k, v) => (typeof v === "bigint" ? v.toString() : v))),
      options,
      createdById: actor?.id ?? null,
    },
  });
  // Each batch is stored while the next one is planned.
  let storing: Promise<unknown> = Promise.resolve();
  for (let i = 0; i < dealIds.length; i += PLAN_BATCH) {
    const planned = await planDeals(opened, dealIds.slice(i, i + PLAN_BATCH), options);
    await storing;
    storing = storeItems(preview.id, planned);
    // Handled here so a failure while the next batch is planned can't go unobserved; `await storing` still throws it.
    storing.catch(() => {});
  }
  await storing;
  return { id: preview.id };
}

/** One statement per batch, the rows as arrays: a fraction of what one parameter per field costs at 1,000 rows. */
function storeItems(previewId: string, planned: PlannedDeal[]) {
  const json = (value: unknown) => JSON.stringify(value);
  const problems = planned.map(({ result }) => (result.ok ? [] : result.problems));
  return getDb().$executeRaw`
    INSERT INTO "PushPreviewItem" ("previewId", "dealId", ok, "isUpdate", payload, notes, problems, reasons)
    SELECT ${previewId}, v."dealId", v.ok, v."isUpdate", v.payload::jsonb,
      ARRAY(SELECT jsonb_array_elements_text(v.notes::jsonb)),
      ARRAY(SELECT jsonb_array_elements_text(v.problems::jsonb)),
      ARRAY(SELECT jsonb_array_elements_text(v.reasons::jsonb))
    FROM unnest(
      ${planned.map(({ deal }) => deal.id)}::text[],
      ${planned.map(({ result }) => result.ok)}::boolean[],
      ${planned.map(({ deal }) => deal.linkedExternalId !== null)}::boolean[],
      ${planned.map(({ result }) => (result.ok ? json(result.payload) : null))}::text[],
      ${planned.map(({ result }) => json(result.ok ? (result.notes ?? []) : []))}::text[],
      ${problems.map(json)}::text[],
      ${problems.map((list) => json([...new Set(list.map(reasonOf))]))}::text[]
    ) AS v("dealId", ok, "isUpdate", payload, notes, problems, reasons)`;
}
