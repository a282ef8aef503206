"use client";

// The one data-table hook: TanStack Table in manual mode (the server pages, sorts and
// filters), with sort and paging read from and written to the URL, column choice/order
// from the caller, and an optional selection column.
import {
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
  type VisibilityState,
} from "@tanstack/react-table";
import { useMemo } from "react";
import { useTableUrl } from "./use-table-url";

export type ColumnMeta = { label: string; sortKey?: string; align?: "right"; className?: string };

/** A column with an id and a label; `sortKey` makes its header sort on the server. */
export type DataTableColumn<Row> = ColumnDef<Row> & { id: string; meta: ColumnMeta };

export type RowSelection = {
  isSelected: (id: string) => boolean;
  toggle: (id: string) => void;
  /** Selects or clears every row of the page. */
  setPage: (ids: string[], selected: boolean) => void;
};

export type PageInfo = { page: number; size: number; nextCursor: string | null; prevCursor: string | null };

export type UseDataTableOptions<Row> = {
  columns: DataTableColumn<Row>[];
  rows: Row[];
  getRowId: (row: Row) => string;
  /** Visible columns in display order. */
  columnIds: string[];
  sort: { key: string; dir: "asc" | "desc" };
  defaultSort: { key: string; dir: "asc" | "desc" };
  pageInfo: PageInfo;
  selection?: RowSelection;
};

export function useDataTable<Row>(options: UseDataTableOptions<Row>) {
  const { columns, rows, getRowId, columnIds, sort, defaultSort, pageInfo, selection } = options;
  const url = useTableUrl();

  const sorting: SortingState = useMemo(() => {
    const column = columns.find((c) => c.meta.sortKey === sort.key);
    return column ? [{ id: column.id, desc: sort.dir === "desc" }] : [];
  }, [columns, sort]);

  const columnVisibility: VisibilityState = useMemo(
    () => Object.fromEntries(columns.map((c) => [c.id, columnIds.includes(c.id)])),
    [columns, columnIds],
  );

  // TanStack Table keeps its own mutable instance; the rule only warns that the React Compiler skips this hook.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    enableMultiSort: false,
    state: { sorting, columnVisibility, columnOrder: columnIds },
  });

  /** Ascending first; a second click on the same column reverses it. */
  function toggleSort(sortKey: string) {
    const dir = sort.key === sortKey && sort.dir === "asc" ? "desc" : "asc";
    url.update((params) => {
      if (sortKey === defaultSort.key && dir === defaultSort.dir) {
        params.delete("sort");
        params.delete("dir");
      } else {
        params.set("sort", sortKey);
        params.set("dir", dir);
      }
    });
  }

  function goToPage(direction: "next" | "prev") {
    const cursor = direction === "next" ? pageInfo.nextCursor : pageInfo.prevCursor;
    if (!cursor) return;
    const page = direction === "next" ? pageInfo.page + 1 : Math.max(1, pageInfo.page - 1);
    url.update((params) => {
      if (page === 1) return; // the first page needs no cursor: one URL per page
      params.set(direction === "next" ? "after" : "before", cursor);
      params.set("page", String(page));
    });
  }

  function goToFirstPage() {
    url.update(() => {});
  }

  function setPageSize(size: number) {
    url.update((params) => params.set("size", String(size)));
  }

  return { table, sort, pageInfo, selection, toggleSort, goToPage, goToFirstPage, setPageSize, pending: url.pending, rows };
}

export type DataTableModel<Row> = ReturnType<typeof useDataTable<Row>>;
