// The preview: for the selection, per deal the exact payload or why it can't be sent,
// with counts. Reads from the destination (customer and owner lookups), never writes.
import { openConnection } from "@/lib/destinations/open-connection";
import { findDestination } from "@/lib/destinations/find-destination";
import type { DealSelection } from "@/lib/deals/deal-filter";
import { planDeals } from "./plan-deals";
import { resolveSelection } from "./resolve-selection";

/** Deals planned and shown; the rest are counted when the run is created. */
export const PREVIEW_LIMIT = 200;

export type PushPreview = {
  destination: { id: string; name: string; kind: string };
  total: number;
  planned: number;
  ready: number;
  blocked: number;
  updates: number;
  items: {
    dealId: string;
    externalId: string;
    name: string;
    ok: boolean;
    payload?: unknown;
    /** How the payload was arrived at, e.g. "Customer … matched by website domain …". */
    notes?: string[];
    problems?: string[];
  }[];
};

export async function previewPush(destinationRef: string, selection: DealSelection, options: Record<string, string> = {}): Promise<PushPreview> {
  const destination = await findDestination(destinationRef);
  const ids = await resolveSelection(selection);
  const opened = await openConnection(destination);
  const planned = await planDeals(opened, ids.slice(0, PREVIEW_LIMIT), options);
  const ready = planned.filter((p) => p.result.ok);
  return {
    destination: { id: destination.id, name: destination.name, kind: destination.kind },
    total: ids.length,
    planned: planned.length,
    ready: ready.length,
    blocked: planned.length - ready.length,
    updates: ready.filter((p) => p.deal.linkedExternalId).length,
    items: planned.map(({ deal, result }) => ({
      dealId: deal.id,
      externalId: deal.externalId,
      name: deal.name,
      ok: result.ok,
      ...(result.ok ? { payload: result.payload, notes: result.notes ?? [] } : { problems: result.problems }),
    })),
  };
}
