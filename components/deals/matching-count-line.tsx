"use client";

// "N deals match" above the deals table. Beyond the exact-count threshold the server sends
// an estimate ("≈ 1.2M"); "Count exactly" asks for the exact figure, for this filter only.
import { useState } from "react";
import { countMatchingDealsAction } from "@/app/_actions/deal-selection-actions";
import { matchingCountText, type MatchingCount } from "@/lib/deals/matching-count";

type Props = { matching: MatchingCount; /** The page's query string: the filter the count is for. */ query: string };

export function MatchingCountLine({ matching, query }: Props) {
  // Keyed by the query it was counted for, so a new filter shows its own estimate again.
  const [exact, setExact] = useState<{ query: string; count: number } | null>(null);
  const [state, setState] = useState<{ query: string; counting: boolean; error: string | null }>({ query, counting: false, error: null });
  const shown: MatchingCount = exact?.query === query ? { count: exact.count, exact: true } : matching;
  const mine = state.query === query;

  async function countExactly() {
    setState({ query, counting: true, error: null });
    const result = await countMatchingDealsAction(query);
    if (result.ok) setExact({ query, count: result.data });
    setState({ query, counting: false, error: result.ok ? null : result.message });
  }

  return (
    <span>
      <strong title={shown.exact ? undefined : "An estimate: more deals match than are counted exactly on every page load"}>{matchingCountText(shown)}</strong>{" "}
      {shown.count === 1 && shown.exact ? "deal matches" : "deals match"}
      {shown.exact ? null : (
        <>
          {" "}
          <button type="button" onClick={countExactly} disabled={mine && state.counting} className="font-medium text-indigo-700 hover:underline disabled:opacity-60">
            {mine && state.counting ? "Counting…" : "Count exactly"}
          </button>
        </>
      )}
      {mine && state.error ? (
        <span role="alert" className="ml-2 text-red-700">
          {state.error}
        </span>
      ) : null}
    </span>
  );
}
