"use client";

// The one data-table component: renders a useDataTable model with sortable headers,
// a selection column, keyboard use (↑/↓ move, space selects, enter opens) and a keyset pager.
import { flexRender } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { PAGE_SIZES } from "@/lib/pagination/page-params";
import type { ColumnMeta, DataTableModel } from "./use-data-table";

type Props<Row> = {
  model: DataTableModel<Row>;
  /** Accessible name of the table. */
  label: string;
  /** Names a row for screen readers ("Select Acme renewal"). */
  rowLabel: (row: Row) => string;
  /** Where Enter (and the row's main link) goes. */
  rowHref?: (row: Row) => string;
  empty: React.ReactNode;
};

const headerAlign = (meta: ColumnMeta) => (meta.align === "right" ? "text-right" : "text-left");

export function DataTable<Row>({ model, label, rowLabel, rowHref, empty }: Props<Row>) {
  const { table, selection, sort, pageInfo } = model;
  const router = useRouter();
  const rowRefs = useRef<(HTMLTableRowElement | null)[]>([]);
  const [activeIndex, setActiveIndex] = useState(0);
  const rows = table.getRowModel().rows;
  const pageIds = rows.map((r) => r.id);
  const selectedOnPage = selection ? pageIds.filter((id) => selection.isSelected(id)).length : 0;
  const allOnPage = rows.length > 0 && selectedOnPage === rows.length;

  function focusRow(index: number) {
    const clamped = Math.max(0, Math.min(rows.length - 1, index));
    setActiveIndex(clamped);
    rowRefs.current[clamped]?.focus();
  }

  function onRowKeyDown(event: React.KeyboardEvent, index: number, id: string, row: Row) {
    // Keys typed into a control inside the row (a checkbox, a link) keep their own meaning.
    if (event.target !== event.currentTarget) return;
    if (event.key === "ArrowDown") focusRow(index + 1);
    else if (event.key === "ArrowUp") focusRow(index - 1);
    else if (event.key === "Home") focusRow(0);
    else if (event.key === "End") focusRow(rows.length - 1);
    else if (event.key === " " && selection) selection.toggle(id);
    else if (event.key === "Enter" && rowHref) router.push(rowHref(row));
    else return;
    event.preventDefault();
  }

  return (
    <div className="rounded-xl border border-slate-200 bg-white shadow-sm" aria-busy={model.pending}>
      <div className="overflow-x-auto">
        <table className="w-full text-sm" aria-label={label}>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              {selection ? (
                <th scope="col" className="w-8 py-2 pl-3 pr-1">
                  <input
                    type="checkbox"
                    aria-label="Select all rows on this page"
                    checked={allOnPage}
                    ref={(el) => {
                      if (el) el.indeterminate = selectedOnPage > 0 && !allOnPage;
                    }}
                    onChange={() => selection.setPage(pageIds, !allOnPage)}
                    disabled={rows.length === 0}
                    className="h-4 w-4 accent-indigo-600"
                  />
                </th>
              ) : null}
              {table.getHeaderGroups()[0].headers.map((header) => {
                const meta = header.column.columnDef.meta as ColumnMeta;
                const sorted = meta.sortKey && sort.key === meta.sortKey ? sort.dir : null;
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                    className={`whitespace-nowrap px-2 py-2 font-semibold ${headerAlign(meta)}`}
                  >
                    {meta.sortKey ? (
                      <button
                        type="button"
                        onClick={() => model.toggleSort(meta.sortKey!)}
                        className="inline-flex items-center gap-1 uppercase tracking-wide hover:text-slate-900"
                        title={`Sort by ${meta.label}`}
                      >
                        {meta.label}
                        <span aria-hidden="true" className={sorted ? "text-indigo-600" : "text-slate-300"}>
                          {sorted === "desc" ? "▼" : "▲"}
                        </span>
                      </button>
                    ) : (
                      meta.label
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 ? (
              <tr>
                <td colSpan={table.getVisibleLeafColumns().length + (selection ? 1 : 0)} className="px-3 py-10 text-center text-slate-600">
                  {empty}
                </td>
              </tr>
            ) : (
              rows.map((row, index) => {
                const selected = selection?.isSelected(row.id) ?? false;
                return (
                  <tr
                    key={row.id}
                    ref={(el) => {
                      rowRefs.current[index] = el;
                    }}
                    tabIndex={index === Math.min(activeIndex, rows.length - 1) ? 0 : -1}
                    aria-selected={selection ? selected : undefined}
                    onKeyDown={(e) => onRowKeyDown(e, index, row.id, row.original)}
                    onFocus={() => setActiveIndex(index)}
                    className={`outline-none focus:bg-indigo-50 focus:ring-2 focus:ring-inset focus:ring-indigo-400 ${
                      selected ? "bg-indigo-50/60" : "hover:bg-slate-50"
                    }`}
                  >
                    {selection ? (
                      <td className="w-8 py-2 pl-3 pr-1">
                        <input
                          type="checkbox"
                          tabIndex={-1}
                          aria-label={`Select ${rowLabel(row.original)}`}
                          checked={selected}
                          onChange={() => selection.toggle(row.id)}
                          className="h-4 w-4 accent-indigo-600"
                        />
                      </td>
                    ) : null}
                    {row.getVisibleCells().map((cell) => {
                      const meta = cell.column.columnDef.meta as ColumnMeta;
                      return (
                        <td key={cell.id} className={`px-2 py-2 ${meta.align === "right" ? "text-right tabular-nums" : ""} ${meta.className ?? ""}`}>
                          {flexRender(cell.column.columnDef.cell, cell.getContext())}
                        </td>
                      );
                    })}
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-3 py-2 text-sm text-slate-600">
        <span data-testid="page-number">Page {pageInfo.page}</span>
        <div className="flex items-center gap-2">
          <label className="flex items-center gap-1">
            Rows
            <select
              value={pageInfo.size}
              onChange={(e) => model.setPageSize(Number(e.target.value))}
              className="rounded-md border border-slate-300 bg-white px-1 py-1"
            >
              {PAGE_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <PagerButton onClick={model.goToFirstPage} disabled={pageInfo.page === 1 && !pageInfo.prevCursor}>
            First
          </PagerButton>
          <PagerButton onClick={() => model.goToPage("prev")} disabled={!pageInfo.prevCursor}>
            Previous
          </PagerButton>
          <PagerButton onClick={() => model.goToPage("next")} disabled={!pageInfo.nextCursor}>
            Next
          </PagerButton>
        </div>
      </nav>
    </div>
  );
}

function PagerButton({ children, ...props }: React.ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      type="button"
      {...props}
      className="rounded-md border border-slate-300 bg-white px-2.5 py-1 font-medium text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-40"
    >
      {children}
    </button>
  );
}
