"use client";

// The accounts list: search, columns, the shared data table.
import Link from "next/link";
import { ACCOUNT_COLUMNS } from "@/lib/accounts/account-columns";
import type { AccountFilter, AccountSort } from "@/lib/accounts/account-table-params";
import { SingleSelectFilter } from "@/components/data-table/single-select-filter";
import { ColumnChooser } from "@/components/data-table/column-chooser";
import { DataTable } from "@/components/data-table/data-table";
import { useDataTable, type DataTableColumn, type PageInfo } from "@/components/data-table/use-data-table";
import { useRememberedColumns } from "@/components/data-table/use-remembered-columns";
import { useTableUrl } from "@/components/data-table/use-table-url";
import { useRememberListUrl } from "@/components/shell/back-to-list";

export type AccountRowView = {
  id: string;
  name: string;
  industry: string | null;
  url: string | null;
  dealCount: number;
  total: string | null;
  contacts: number;
  source: string;
  removed: boolean;
};

const label = (id: string) => ACCOUNT_COLUMNS.find((c) => c.id === id)!.label;
const dash = <span className="text-slate-400">—</span>;

const COLUMNS: DataTableColumn<AccountRowView>[] = [
  {
    id: "name",
    meta: { label: label("name"), sortKey: "name" },
    cell: ({ row }) => (
      <Link href={`/accounts/${row.original.id}`} tabIndex={-1} className="font-medium text-indigo-700 hover:underline">
        {row.original.name}
        {row.original.removed ? <span className="ml-2 text-xs text-red-700">removed</span> : null}
      </Link>
    ),
  },
  { id: "industry", meta: { label: label("industry") }, cell: ({ row }) => row.original.industry ?? dash },
  { id: "url", meta: { label: label("url") }, cell: ({ row }) => row.original.url ?? dash },
  { id: "deals", meta: { label: label("deals"), align: "right" }, cell: ({ row }) => row.original.dealCount.toLocaleString("en-US") },
  { id: "total", meta: { label: label("total"), align: "right", className: "whitespace-nowrap" }, cell: ({ row }) => row.original.total ?? dash },
  { id: "contacts", meta: { label: label("contacts"), align: "right" }, cell: ({ row }) => row.original.contacts.toLocaleString("en-US") },
  { id: "source", meta: { label: label("source") }, cell: ({ row }) => row.original.source },
];

type Props = { rows: AccountRowView[]; pageInfo: PageInfo; filter: AccountFilter; sort: AccountSort; columnIds: string[] };

export function AccountsBrowser({ rows, pageInfo, filter, sort, columnIds }: Props) {
  const url = useTableUrl();
  useRememberListUrl();
  const columns = useRememberedColumns("accounts", columnIds);
  const model = useDataTable({
    columns: COLUMNS,
    rows,
    getRowId: (r) => r.id,
    columnIds: columns.columnIds,
    sort: { key: sort.sort, dir: sort.dir },
    defaultSort: { key: "name", dir: "asc" },
    pageInfo,
  });

  function search(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget).get("q") ?? "").trim();
    url.update((params) => (q ? params.set("q", q) : params.delete("q")));
  }

  return (
    <>
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <form key={filter.q ?? ""} onSubmit={search} className="flex flex-1 items-end gap-2">
          <label className="flex max-w-md flex-1 flex-col gap-1 text-xs font-medium text-slate-600">
            Search accounts
            <input name="q" type="search" defaultValue={filter.q ?? ""} placeholder="Account name" className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm" />
          </label>
          <button className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">Search</button>
        </form>
        <SingleSelectFilter
          label="Status"
          value={filter.status ?? ""}
          options={[
            { value: "active", label: "Active" },
            { value: "removed", label: "Removed" },
          ]}
          onChange={(status) => url.update((params) => (status ? params.set("status", status) : params.delete("status")))}
        />
        <ColumnChooser columns={ACCOUNT_COLUMNS} value={columns.columnIds} onChange={columns.setColumnIds} />
      </div>
      {columns.error ? <p role="alert" className="mb-2 text-sm text-red-700">{columns.error}</p> : null}
      <DataTable
        model={model}
        label="Accounts"
        rowLabel={(a) => a.name}
        rowHref={(a) => `/accounts/${a.id}`}
        empty={filter.q || filter.status ? "No accounts match. Clear the search to see them all." : "No accounts yet. Accounts arrive with deal imports (accounts.csv or the account columns of deals.csv)."}
      />
    </>
  );
}
