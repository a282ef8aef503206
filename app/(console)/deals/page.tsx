import type { Metadata } from "next";
import { Suspense } from "react";
import { requirePageActor } from "@/app/_lib/guard";
import { PageHeader } from "@/components/shell/page-header";
import { DealsBrowser } from "@/components/deals/deals-browser";
import { canPush } from "@/lib/auth/permissions";
import { findAccountName } from "@/lib/accounts/find-account-name";
import { DEAL_COLUMN_IDS, DEFAULT_DEAL_COLUMN_IDS } from "@/lib/deals/deal-columns";
import { toDealRowView } from "@/lib/deals/deal-row-view";
import { parseDealTableParams } from "@/lib/deals/deal-table-params";
import { listDealFacets } from "@/lib/deals/list-deal-facets";
import { listDeals } from "@/lib/deals/list-deals";
import { countMatchingDeals } from "@/lib/deals/count-matching-deals";
import { matchingSeenOnPage } from "@/lib/deals/matching-count";
import { getBaseCurrency } from "@/lib/currency/get-base-currency";
import { getTableColumns } from "@/lib/preferences/table-columns";
import { listSavedViews } from "@/lib/saved-views/saved-views";
import { StageFunnelSection } from "./stage-funnel-section";

export const metadata: Metadata = { title: "Deals" };

export default async function DealsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("signedIn", "/deals");
  const state = parseDealTableParams(await searchParams);
  const [page, matching, baseCurrency, facets, columns, views, accountName] = await Promise.all([
    listDeals({ filter: state.filter, ...state.sort, limit: state.size, after: state.after, before: state.before }),
    countMatchingDeals(state.filter),
    getBaseCurrency(),
    listDealFacets(),
    getTableColumns(actor.id, "deals", DEAL_COLUMN_IDS),
    listSavedViews(actor, "deals"),
    state.filter.account ? findAccountName(state.filter.account) : null,
  ]);
  return (
    <>
      <PageHeader title="Deals" description="Browse, filter and select deals to push." />
      <DealsBrowser
        rows={page.rows.map((row) => toDealRowView(row, baseCurrency))}
        pageInfo={{ page: state.page, size: state.size, nextCursor: page.nextCursor, prevCursor: page.prevCursor }}
        filter={state.filter}
        sort={state.sort}
        matching={matchingSeenOnPage(matching, page, !state.after && !state.before)}
        facets={facets}
        baseCurrency={baseCurrency}
        accountName={accountName}
        columnIds={columns ?? DEFAULT_DEAL_COLUMN_IDS}
        views={views}
        canPush={canPush(actor)}
        summary={
          <Suspense fallback={<p className="mb-4 text-xs text-slate-500">Counting deals per stage…</p>}>
            <StageFunnelSection state={state} />
          </Suspense>
        }
      />
    </>
  );
}
