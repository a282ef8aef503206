"use client";

// The deals selection, kept per tab so it survives paging, sorting and a visit to a deal.
// The rules live in lib/deals/deal-selection.ts.
import { useMemo } from "react";
import type { DealFilter, DealSelection } from "@/lib/deals/deal-filter";
import { isFromOtherFilter, isRowSelected, selectAllMatching, setRowsSelected } from "@/lib/deals/deal-selection";
import { decodeSelectionParam, encodeSelectionParam } from "@/lib/deals/selection-param";
import { useSessionValue } from "@/components/data-table/use-session-value";

const codec = { encode: encodeSelectionParam, decode: decodeSelectionParam };

export function useDealSelection(currentFilter: DealFilter, serverSelectedIds: string[] | null) {
  const [selection, setSelection] = useSessionValue<DealSelection>("dealport.deals.selection", codec);

  return useMemo(() => {
    const isSelected = (id: string) => isRowSelected(selection, id, currentFilter, serverSelectedIds);
    return {
      selection,
      isFromOtherFilter: isFromOtherFilter(selection, currentFilter),
      isSelected,
      toggle: (id: string) => setSelection(setRowsSelected(selection, [id], !isSelected(id))),
      setPage: (ids: string[], selected: boolean) => setSelection(setRowsSelected(selection, ids, selected)),
      selectAllMatching: (filter: DealFilter) => setSelection(selectAllMatching(filter)),
      clear: () => setSelection(null),
    };
  }, [currentFilter, selection, serverSelectedIds, setSelection]);
}
