"use server";

// The deals table's selection bar (components/deals).

import { z } from "zod";
import { authorizedAction } from "@/app/_lib/action";
import { countMatchingDeals } from "@/lib/deals/count-matching-deals";
import { displayMoney } from "@/lib/deals/deal-row-view";
import { parseDealFilterParams } from "@/lib/deals/deal-table-params";
import { decodeSelectionParam } from "@/lib/deals/selection-param";
import { idsInSelection, summarizeSelection } from "@/lib/deals/summarize-deals";

const visibleIdsSchema = z.array(z.string().max(64)).max(500);

/** The selection bar: how many deals, their base-currency total, and which visible rows are in it. */
export const describeSelectionAction = authorizedAction("signedIn", async (_actor, selectionParam: string, visibleIds: string[]) => {
  const selection = decodeSelectionParam(z.string().max(200_000).parse(selectionParam));
  const [summary, selectedVisibleIds] = await Promise.all([
    summarizeSelection(selection),
    idsInSelection(selection, visibleIdsSchema.parse(visibleIds)),
  ]);
  return {
    count: summary.count,
    total: displayMoney(summary.totalBaseMinor, summary.baseCurrency),
    withoutBaseAmount: summary.withoutBaseAmount,
    selectedVisibleIds,
  };
});

/** "Count exactly" beside an estimated "≈ N deals match": the filter travels as the page's query string. */
export const countMatchingDealsAction = authorizedAction("signedIn", async (_actor, query: string) => {
  const filter = parseDealFilterParams(new URLSearchParams(z.string().max(20_000).parse(query)));
  return (await countMatchingDeals(filter, { exact: true })).count;
});
