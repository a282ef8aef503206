"use client";

// The deals table's cells. Ids and labels come from lib/deals/deal-columns.ts.
import Link from "next/link";
import { DEAL_COLUMNS, type DealColumnId } from "@/lib/deals/deal-columns";
import type { DealRowView } from "@/lib/deals/deal-row-view";
import type { DealSortKey } from "@/lib/deals/deal-sort";
import type { DataTableColumn } from "@/components/data-table/use-data-table";
import { StatusBadge } from "@/components/status-badge";

const label = (id: DealColumnId) => DEAL_COLUMNS.find((c) => c.id === id)!.label;
const dash = <span className="text-slate-400">—</span>;
const text = (value: string | null) => value ?? dash;

function column(
  id: DealColumnId,
  cell: (row: DealRowView) => React.ReactNode,
  options: { sortKey?: DealSortKey; align?: "right"; className?: string } = {},
): DataTableColumn<DealRowView> {
  return { id, meta: { label: label(id), ...options }, cell: ({ row }) => cell(row.original) };
}

export const DEAL_TABLE_COLUMNS: DataTableColumn<DealRowView>[] = [
  column(
    "name",
    (d) => (
      <Link href={`/deals/${d.id}`} tabIndex={-1} className="font-medium text-indigo-700 hover:underline">
        {d.name}
      </Link>
    ),
    // The name is read first: it takes width from the owner (whose start is what tells owners apart).
    { sortKey: "name", className: "min-w-48" },
  ),
  column("account", (d) =>
    d.account ? (
      <Link href={`/accounts/${d.account.id}`} tabIndex={-1} className="text-slate-700 hover:underline">
        {d.account.name}
      </Link>
    ) : (
      dash
    ),
  ),
  column("stage", (d) => text(d.stage), { sortKey: "stage", className: "whitespace-nowrap" }),
  column("pipeline", (d) => text(d.pipeline), { sortKey: "pipeline", className: "whitespace-nowrap" }),
  // Owners are e-mail addresses: cut long ones, the full address is in the tooltip.
  column("owner", (d) => (d.owner ? <span title={d.owner} className="block max-w-36 truncate">{d.owner}</span> : dash), { sortKey: "owner" }),
  column("amount", (d) => text(d.amount), { align: "right", className: "whitespace-nowrap" }),
  column("amountBase", (d) => text(d.amountBase), { sortKey: "amount", align: "right", className: "whitespace-nowrap" }),
  column("closeDate", (d) => text(d.closeDate), { sortKey: "closeDate", className: "whitespace-nowrap tabular-nums" }),
  column("source", (d) => d.source, { className: "whitespace-nowrap" }),
  column("status", (d) => <StatusBadge status={d.status} />),
  column("pushedTo", (d) =>
    d.pushedTo.length ? (
      <span className="flex flex-wrap gap-1">
        {d.pushedTo.map((p) => (
          <span key={p.id} className="rounded bg-sky-50 px-1.5 py-0.5 text-xs font-medium text-sky-800 ring-1 ring-inset ring-sky-200">
            {p.name}
          </span>
        ))}
      </span>
    ) : (
      dash
    ),
  ),
];
