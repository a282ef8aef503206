import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/app/_lib/guard";
import { orNotFound } from "@/app/_lib/or-not-found";
import { PageHeader } from "@/components/shell/page-header";
import { BackToList } from "@/components/shell/back-to-list";
import { DealsTable } from "@/components/deals/deals-table";
import { getAccountDetail } from "@/lib/accounts/get-account-detail";
import { DEAL_COLUMN_IDS, DEFAULT_DEAL_COLUMN_IDS } from "@/lib/deals/deal-columns";
import { displayMoney, toDealRowView } from "@/lib/deals/deal-row-view";
import { parseDealTableParams } from "@/lib/deals/deal-table-params";
import { listDeals } from "@/lib/deals/list-deals";
import { getTableColumns } from "@/lib/preferences/table-columns";
import { SimpleTable } from "@/components/simple-table";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const actor = await requirePageActor("signedIn", `/accounts/${id}`);
  const state = parseDealTableParams(await searchParams);
  const filter = { account: id };
  const [detail, page, columns] = await Promise.all([
    orNotFound(getAccountDetail(id)),
    listDeals({ filter, ...state.sort, limit: state.size, after: state.after, before: state.before }),
    getTableColumns(actor.id, "deals", DEAL_COLUMN_IDS),
  ]);
  const { account, deals, sameAccount } = detail;
  return (
    <>
      <BackToList listPath="/accounts" label="Back to accounts" />
      <PageHeader
        title={account.name}
        description={[account.industry, account.url, `source ${account.source.name}`].filter(Boolean).join(" · ")}
        actions={
          <Link href={`/deals?account=${account.id}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
            Filter and select these deals
          </Link>
        }
      />
      <div className="space-y-6">
        {sameAccount.length ? (
          <section aria-labelledby="account-sources" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="account-sources" className="mb-2 text-base font-semibold">
              Also from other sources
            </h2>
            <ul className="text-sm">
              {sameAccount.map((a) => (
                <li key={a.id}>
                  <Link href={`/accounts/${a.id}`} className="text-indigo-700 hover:underline">
                    {a.name}
                  </Link>{" "}
                  <span className="text-slate-600">
                    · {a.source.name} · {a.externalId}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {/* Contacts first: usually a handful, and easy to miss below a page of deals. */}
        <section aria-labelledby="account-contacts" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="account-contacts" className="mb-3 text-base font-semibold">
            Contacts
          </h2>
          {account.contacts.length ? (
            <SimpleTable
              variant="plain"
              rows={account.contacts}
              rowKey={(c) => c.id}
              rowClassName={(c) => (c.removedAt ? "text-slate-400" : "")}
              columns={[
                {
                  header: "Name",
                  className: "font-medium",
                  cell: (c) => (
                    <>
                      {[c.firstName, c.lastName].filter(Boolean).join(" ") || c.externalId}
                      {c.isPrimary ? <span className="ml-2 rounded bg-emerald-50 px-1.5 text-xs text-emerald-700">primary</span> : null}
                      {c.removedAt ? <span className="ml-2 text-xs">removed</span> : null}
                    </>
                  ),
                },
                { header: "Role", cell: (c) => c.role },
                { header: "E-mail", cell: (c) => c.email },
                { header: "Phone", cell: (c) => c.phone },
              ]}
            />
          ) : (
            <p className="text-sm text-slate-600">No contacts yet. They arrive with contacts.csv.</p>
          )}
        </section>
        <section aria-labelledby="account-deals">
          <h2 id="account-deals" className="mb-2 text-base font-semibold">
            Deals <span className="font-normal text-slate-600">· {deals.count.toLocaleString("en-US")} active · {displayMoney(deals.totalBaseMinor, deals.baseCurrency)}</span>
          </h2>
          <DealsTable
            rows={page.rows.map((row) => toDealRowView(row, deals.baseCurrency))}
            pageInfo={{ page: state.page, size: state.size, nextCursor: page.nextCursor, prevCursor: page.prevCursor }}
            sort={state.sort}
            columnIds={(columns ?? DEFAULT_DEAL_COLUMN_IDS).filter((c) => c !== "account")}
            empty="This account has no deals."
          />
        </section>
      </div>
    </>
  );
}
