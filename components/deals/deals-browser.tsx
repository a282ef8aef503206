"use client";

// The deals page: filters, saved views, columns, the table, and the selection that the push
// flow receives (explicit ids, or a filter snapshot minus unticked rows).
import { useMemo, useState } from "react";
import { dealFilterSchema, normaliseDealFilter, sameDealFilter, type DealFilter } from "@/lib/deals/deal-filter";
import { DEAL_COLUMNS } from "@/lib/deals/deal-columns";
import type { DealFacets } from "@/lib/deals/list-deal-facets";
import { matchingCountText, type MatchingCount } from "@/lib/deals/matching-count";
import type { DealRowView } from "@/lib/deals/deal-row-view";
import type { DealSort } from "@/lib/deals/deal-sort";
import { parseDealFilterParams, writeDealFilterParams } from "@/lib/deals/deal-table-params";
import type { SavedViewSummary } from "@/lib/saved-views/saved-views";
import { ColumnChooser } from "@/components/data-table/column-chooser";
import { SavedViewsMenu } from "@/components/data-table/saved-views-menu";
import type { PageInfo } from "@/components/data-table/use-data-table";
import { useRememberedColumns } from "@/components/data-table/use-remembered-columns";
import { PAGING_KEYS, useTableUrl } from "@/components/data-table/use-table-url";
import { DealFilterBar } from "./deal-filter-bar";
import { DealsTable } from "./deals-table";
import { useRememberListUrl } from "@/components/shell/back-to-list";
import { FilterChangeDialog } from "./filter-change-dialog";
import { formatCount, SelectionBar } from "./selection-bar";
import { MatchingCountLine } from "./matching-count-line";
import { useDealSelection } from "./use-deal-selection";

type Props = {
  rows: DealRowView[];
  pageInfo: PageInfo;
  filter: DealFilter;
  sort: DealSort;
  matching: MatchingCount;
  facets: DealFacets;
  baseCurrency: string;
  accountName: string | null;
  columnIds: string[];
  views: SavedViewSummary[];
  canPush: boolean;
  /** Shown between the filter bar and the table (the stage funnel, server-rendered). */
  summary?: React.ReactNode;
};

const FILTER_KEYS = Object.keys(dealFilterSchema.shape);

export function DealsBrowser(props: Props) {
  const { rows, pageInfo, filter, sort, matching, facets, baseCurrency, canPush } = props;
  const matchingCount = matching.count;
  const url = useTableUrl();
  useRememberListUrl();
  const columns = useRememberedColumns("deals", props.columnIds);
  const visibleIds = useMemo(() => rows.map((r) => r.id), [rows]);
  const selection = useDealSelection(filter, visibleIds);
  const [pendingFilter, setPendingFilter] = useState<DealFilter | null>(null);
  // Bumped when the user cancels a filter change, so the filter controls drop what they showed.
  const [cancelledChanges, setCancelledChanges] = useState(0);

  function navigateToFilter(next: DealFilter) {
    url.update((params) => {
      for (const key of FILTER_KEYS) params.delete(key);
      writeDealFilterParams(params, next);
    });
  }

  function applyFilter(next: DealFilter) {
    const normal = normaliseDealFilter(next);
    if (sameDealFilter(normal, filter)) return;
    // A select-all of the filter on screen is about to stop matching what is shown: ask.
    if (selection.selection?.mode === "filter" && !selection.isFromOtherFilter) setPendingFilter(normal);
    else navigateToFilter(normal);
  }

  function resolvePendingFilter(choice: "keep" | "reselect" | "clear" | "cancel") {
    const next = pendingFilter;
    setPendingFilter(null);
    if (!next || choice === "cancel") {
      setCancelledChanges((n) => n + 1);
      return;
    }
    if (choice === "reselect") selection.selectAllMatching(next);
    if (choice === "clear") selection.clear();
    navigateToFilter(next);
  }

  const currentQuery = (() => {
    const params = new URLSearchParams(url.searchParams.toString());
    for (const key of PAGING_KEYS) params.delete(key);
    return params.toString();
  })();
  const exportQuery = new URLSearchParams(currentQuery);
  exportQuery.delete("size");

  const selectedCount = selection.summary ? formatCount(selection.summary.count) : "…";
  const allOnPageSelected = rows.length > 0 && rows.every((r) => selection.isSelected(r.id));
  const selectAllCurrent = selection.selection?.mode === "filter" && !selection.isFromOtherFilter;

  return (
    <>
      <div className="mb-3 flex flex-wrap items-center justify-end gap-2">
        <SavedViewsMenu
          scope="deals"
          views={props.views}
          currentQuery={currentQuery}
          columnIds={columns.columnIds}
          onApply={(view) => {
            if (view.state.columns) columns.setColumnIds(view.state.columns);
            const params = new URLSearchParams(view.state.query);
            const viewFilter = parseDealFilterParams(params);
            if (selectAllCurrent && !sameDealFilter(viewFilter, filter)) setPendingFilter(viewFilter);
            else url.navigate(params);
          }}
        />
        <ColumnChooser columns={DEAL_COLUMNS} value={columns.columnIds} onChange={columns.setColumnIds} />
        <a href={`/deals/export${exportQuery.size ? `?${exportQuery}` : ""}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
          Export CSV
        </a>
      </div>
      {columns.error ? <p role="alert" className="mb-2 text-sm text-red-700">{columns.error}</p> : null}

      <DealFilterBar
        filter={filter}
        facets={facets}
        baseCurrency={baseCurrency}
        accountName={props.accountName}
        onApply={applyFilter}
        resetKey={cancelledChanges}
      />
      {props.summary}

      <div className="mb-3 flex flex-wrap items-center gap-3 text-sm text-slate-700" data-testid="matching-summary">
        <MatchingCountLine matching={matching} query={currentQuery} />
        {matchingCount > 0 && !selectAllCurrent ? (
          <button type="button" onClick={() => selection.selectAllMatching(filter)} className="font-medium text-indigo-700 hover:underline">
            Select all {matchingCountText(matching)} matching
          </button>
        ) : null}
      </div>

      <SelectionBar
        selection={selection}
        filter={filter}
        matching={matching}
        rowsOnPage={rows.length}
        allOnPageSelected={allOnPageSelected}
        baseCurrency={baseCurrency}
        canPush={canPush}
        onShowFilter={navigateToFilter}
      />

      <DealsTable
        rows={rows}
        pageInfo={pageInfo}
        sort={sort}
        columnIds={columns.columnIds}
        selection={{ isSelected: selection.isSelected, toggle: selection.toggle, setPage: selection.setPage }}
        empty={Object.keys(filter).length ? "No deals match these filters. Loosen or clear a filter." : "No deals yet. Deals appear here after the first import."}
      />

      {pendingFilter ? <FilterChangeDialog count={selectedCount} onChoose={resolvePendingFilter} /> : null}
    </>
  );
}
