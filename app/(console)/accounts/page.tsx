import type { Metadata } from "next";
import { requirePageActor } from "@/app/_lib/guard";
import { PageHeader } from "@/components/shell/page-header";
import { AccountsBrowser } from "@/components/accounts/accounts-browser";
import { ACCOUNT_COLUMN_IDS, DEFAULT_ACCOUNT_COLUMN_IDS } from "@/lib/accounts/account-columns";
import { parseAccountTableParams } from "@/lib/accounts/account-table-params";
import { listAccounts } from "@/lib/accounts/list-accounts";
import { getBaseCurrency } from "@/lib/currency/get-base-currency";
import { displayMoney } from "@/lib/deals/deal-row-view";
import { getTableColumns } from "@/lib/preferences/table-columns";

export const metadata: Metadata = { title: "Accounts" };

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("signedIn", "/accounts");
  const state = parseAccountTableParams(await searchParams);
  const [page, baseCurrency, columns] = await Promise.all([
    listAccounts({ filter: state.filter, ...state.sort, limit: state.size, after: state.after, before: state.before }),
    getBaseCurrency(),
    getTableColumns(actor.id, "accounts", ACCOUNT_COLUMN_IDS),
  ]);
  return (
    <>
      <PageHeader title="Accounts" description="Companies the deals belong to." />
      <AccountsBrowser
        rows={page.rows.map((a) => ({
          id: a.id,
          name: a.name,
          industry: a.industry,
          url: a.url,
          dealCount: a.dealCount,
          total: displayMoney(a.totalBaseMinor, baseCurrency),
          contacts: a._count.contacts,
          source: a.source.name,
          removed: a.removedAt !== null,
        }))}
        pageInfo={{ page: state.page, size: state.size, nextCursor: page.nextCursor, prevCursor: page.prevCursor }}
        filter={state.filter}
        sort={state.sort}
        columnIds={columns ?? DEFAULT_ACCOUNT_COLUMN_IDS}
      />
    </>
  );
}
