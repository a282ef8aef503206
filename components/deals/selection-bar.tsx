"use client";

// The sticky bar above the deals table while something is selected: what the selection holds
// (as the server counted it), the ways to widen or clear it, and the way into a push.
import Link from "next/link";
import type { DealFilter } from "@/lib/deals/deal-filter";
import { matchingCountText, type MatchingCount } from "@/lib/deals/matching-count";
import type { DealSelectionState } from "./use-deal-selection";

type Props = {
  selection: DealSelectionState;
  filter: DealFilter;
  matching: MatchingCount;
  rowsOnPage: number;
  allOnPageSelected: boolean;
  baseCurrency: string;
  canPush: boolean;
  onShowFilter: (filter: DealFilter) => void;
};

export const formatCount = (n: number) => n.toLocaleString("en-US");

export function SelectionBar({ selection, filter, matching, rowsOnPage, allOnPageSelected, baseCurrency, canPush, onShowFilter }: Props) {
  const current = selection.selection;
  if (!current) return null;
  const { summary } = selection;
  const selectAllCurrent = current.mode === "filter" && !selection.isFromOtherFilter;
  return (
    <div role="region" aria-label="Selection" className="sticky top-0 z-10 mb-3 flex flex-wrap items-center gap-3 rounded-xl border border-indigo-200 bg-indigo-50 px-4 py-2.5 text-sm text-indigo-950 shadow-sm">
      <span data-testid="selection-summary" className={selection.summaryIsCurrent ? "" : "opacity-60"}>
        {summary ? (
          <>
            <strong>{formatCount(summary.count)}</strong> {summary.count === 1 ? "deal" : "deals"} selected
          </>
        ) : (
          "Counting the selection…"
        )}
        {summary?.total ? <> · {summary.total} total</> : null}
        {summary?.withoutBaseAmount ? <span className="text-indigo-800/70"> ({formatCount(summary.withoutBaseAmount)} without a {baseCurrency} amount)</span> : null}
        {selectAllCurrent ? " (all matching this filter)" : null}
      </span>
      {selection.isFromOtherFilter && current.mode === "filter" ? (
        <span className="text-amber-800">
          Selected under an earlier filter.{" "}
          <button type="button" onClick={() => onShowFilter(current.filter)} className="font-medium underline">
            Show that filter
          </button>{" "}
          or{" "}
          <button type="button" onClick={() => selection.selectAllMatching(filter)} className="font-medium underline">
            select all matching this one instead
          </button>
        </span>
      ) : null}
      {current.mode === "ids" && allOnPageSelected && matching.count > rowsOnPage ? (
        <span>
          All {rowsOnPage} on this page are selected.{" "}
          <button type="button" onClick={() => selection.selectAllMatching(filter)} className="font-medium text-indigo-700 underline">
            Select all {matchingCountText(matching)} matching
          </button>
        </span>
      ) : null}
      <span className="ml-auto flex items-center gap-2">
        <button type="button" onClick={selection.clear} className="rounded-md px-2 py-1 font-medium text-indigo-800 hover:bg-indigo-100">
          Clear selection
        </button>
        {canPush && selection.encodedSelection ? (
          <Link href={`/pushes/new?selection=${selection.encodedSelection}`} className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700">
            Push selected…
          </Link>
        ) : null}
      </span>
    </div>
  );
}
