"use client";

// The deals table itself (columns + the shared data table), used by the deals page and the
// account page.
import type { DealRowView } from "@/lib/deals/deal-row-view";
import type { DealSort } from "@/lib/deals/deal-sort";
import { DEFAULT_DEAL_SORT } from "@/lib/deals/deal-table-params";
import { DataTable } from "@/components/data-table/data-table";
import { useDataTable, type PageInfo, type RowSelection } from "@/components/data-table/use-data-table";
import { DEAL_TABLE_COLUMNS } from "./deal-table-columns";

type Props = {
  rows: DealRowView[];
  pageInfo: PageInfo;
  sort: DealSort;
  columnIds: string[];
  selection?: RowSelection;
  empty: React.ReactNode;
};

export function DealsTable({ rows, pageInfo, sort, columnIds, selection, empty }: Props) {
  const model = useDataTable({
    columns: DEAL_TABLE_COLUMNS,
    rows,
    getRowId: (row) => row.id,
    columnIds,
    sort: { key: sort.sort, dir: sort.dir },
    defaultSort: { key: DEFAULT_DEAL_SORT.sort, dir: DEFAULT_DEAL_SORT.dir },
    pageInfo,
    selection,
  });
  return <DataTable model={model} label="Deals" rowLabel={(d) => d.name} rowHref={(d) => `/deals/${d.id}`} empty={empty} />;
}
