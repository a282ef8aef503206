// What ticking rows does to a DealSelection. Pure and browser-safe: the deals table's
// selection hook applies these; the push flow receives the result.
import { sameDealFilter, type DealFilter, type DealSelection } from "./deal-filter";

/** No selection is null: an empty "ids" selection is not a valid DealSelection. */
export type MaybeSelection = DealSelection | null;

export function selectAllMatching(filter: DealFilter): DealSelection {
  return { mode: "filter", filter, excludeIds: [] };
}

/** True when the selection is "all matching" a filter other than `current` (the UI must say so). */
export function isFromOtherFilter(selection: MaybeSelection, current: DealFilter): boolean {
  return selection?.mode === "filter" && !sameDealFilter(selection.filter, current);
}

/**
 * Whether a visible row is selected. For a select-all made under another filter only the
 * server knows (`serverSelectedIds`); until it answers the row shows unticked.
 */
export function isRowSelected(selection: MaybeSelection, id: string, current: DealFilter, serverSelectedIds: string[] | null): boolean {
  if (!selection) return false;
  if (selection.mode === "ids") return selection.ids.includes(id);
  if (isFromOtherFilter(selection, current)) return serverSelectedIds?.includes(id) ?? false;
  return !selection.excludeIds.includes(id);
}

/**
 * Ticks or unticks rows. Explicit ids grow and shrink; a select-all keeps its filter and
 * records unticked rows as exclusions — it never turns into a list of ids.
 */
export function setRowsSelected(selection: MaybeSelection, ids: string[], selected: boolean): MaybeSelection {
  if (!selection || selection.mode === "ids") {
    const current = new Set(selection?.ids ?? []);
    for (const id of ids) {
      if (selected) current.add(id);
      else current.delete(id);
    }
    return current.size ? { mode: "ids", ids: [...current] } : null;
  }
  const excluded = new Set(selection.excludeIds);
  for (const id of ids) {
    if (selected) excluded.delete(id);
    else excluded.add(id);
  }
  return { ...selection, excludeIds: [...excluded] };
}
