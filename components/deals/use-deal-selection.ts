"use client";

// The deals selection, kept per tab so it survives paging, sorting and a visit to a deal, and
// its summary (count, total, which visible rows are in it) as the server counts it.
// The rules live in lib/deals/deal-selection.ts.
import { useEffect, useMemo, useState } from "react";
import { describeSelectionAction } from "@/app/_actions/deal-selection-actions";
import type { DealFilter, DealSelection } from "@/lib/deals/deal-filter";
import { isFromOtherFilter, isRowSelected, selectAllMatching, setRowsSelected } from "@/lib/deals/deal-selection";
import { decodeSelectionParam, encodeSelectionParam } from "@/lib/deals/selection-param";
import { useSessionValue } from "@/components/data-table/use-session-value";

const codec = { encode: encodeSelectionParam, decode: decodeSelectionParam };

export type SelectionSummary = { count: number; total: string | null; withoutBaseAmount: number; selectedVisibleIds: string[] };

/** What a summary was counted for: the encoded selection and the rows on screen at the time. */
type SummaryRequest = { encodedSelection: string; visibleIds: readonly string[] };

const sameRequest = (a: SummaryRequest, b: SummaryRequest) =>
  a.encodedSelection === b.encodedSelection && a.visibleIds.length === b.visibleIds.length && a.visibleIds.every((id, i) => id === b.visibleIds[i]);

export function useDealSelection(currentFilter: DealFilter, visibleIds: readonly string[]) {
  const [selection, setSelection] = useSessionValue<DealSelection>("dealport.deals.selection", codec);
  const encodedSelection = selection ? encodeSelectionParam(selection) : null;
  const [summary, setSummary] = useState<{ request: SummaryRequest; data: SelectionSummary } | null>(null);

  useEffect(() => {
    if (!encodedSelection) return;
    const request = { encodedSelection, visibleIds };
    let live = true;
    // Debounced: ticking rows quickly sends one count, not one per click.
    const timer = setTimeout(async () => {
      const result = await describeSelectionAction(encodedSelection, [...visibleIds]);
      if (live && result.ok) setSummary({ request, data: result.data });
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [encodedSelection, visibleIds]);

  const serverSelectedIds = summary?.data.selectedVisibleIds ?? null;
  const summaryIsCurrent = !!summary && !!encodedSelection && sameRequest(summary.request, { encodedSelection, visibleIds });

  return useMemo(() => {
    const isSelected = (id: string) => isRowSelected(selection, id, currentFilter, serverSelectedIds);
    return {
      selection,
      encodedSelection,
      /** The last count received; it may describe an earlier selection until the next one arrives. */
      summary: summary?.data ?? null,
      summaryIsCurrent,
      isFromOtherFilter: isFromOtherFilter(selection, currentFilter),
      isSelected,
      toggle: (id: string) => setSelection(setRowsSelected(selection, [id], !isSelected(id))),
      setPage: (ids: string[], selected: boolean) => setSelection(setRowsSelected(selection, ids, selected)),
      selectAllMatching: (filter: DealFilter) => setSelection(selectAllMatching(filter)),
      clear: () => setSelection(null),
    };
  }, [currentFilter, encodedSelection, selection, serverSelectedIds, setSelection, summary, summaryIsCurrent]);
}

export type DealSelectionState = ReturnType<typeof useDealSelection>;
