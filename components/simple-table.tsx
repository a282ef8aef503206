// The one table for short, fully loaded lists (runs, tokens, rates, a deal's history): columns
// say what each cell shows, the table owns the markup. Long lists with server-side paging,
// sorting and filters use components/data-table instead.
import type { ReactNode } from "react";

export type SimpleColumn<T> = {
  /** A string, or markup; `srOnly` hides it visually (an actions column) while screen readers still hear it. */
  header: ReactNode;
  srOnly?: boolean;
  cell: (row: T) => ReactNode;
  /** Extra classes for this column's cells (font-mono, tabular-nums, text-right, a colour). */
  className?: string;
  /** The column that names its row: rendered as a row header. */
  rowHeader?: boolean;
};

type Props<T> = {
  rows: readonly T[];
  columns: readonly SimpleColumn<T>[];
  rowKey: (row: T, index: number) => string;
  /** The table's accessible name when no heading right above it names it. */
  label?: string;
  rowTestId?: string | ((row: T) => string);
  rowClassName?: (row: T) => string;
  /** Below the rows, inside the frame: "showing 200 of 3,000…". */
  footer?: ReactNode;
  /** framed: a card of its own; plain: inside a card or section that already frames it. */
  variant?: "framed" | "plain";
  /** compact: smaller text and rows, for tables inside a form's result. */
  size?: "normal" | "compact";
};

// Rows align on the first line's baseline: small monospace cells (times, codes, ids) sit on the
// same line as the text beside them instead of riding above it, and long cells still start at the top.
export function SimpleTable<T>({ rows, columns, rowKey, label, rowTestId, rowClassName, footer, variant = "framed", size = "normal" }: Props<T>) {
  const pad = size === "compact" ? "px-3 py-1" : "px-3 py-2";
  const table = (
    <table className={`w-full text-left ${size === "compact" ? "text-xs" : "text-sm"}`} aria-label={label}>
      <thead className={variant === "framed" ? "bg-slate-50 text-slate-600" : "text-slate-600"}>
        <tr>
          {columns.map((column, i) => (
            <th key={i} scope="col" className={`${pad} font-medium`}>
              {column.srOnly ? <span className="sr-only">{column.header}</span> : column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr
            key={rowKey(row, index)}
            className={`border-t border-slate-100 align-baseline ${rowClassName?.(row) ?? ""}`}
            data-testid={typeof rowTestId === "function" ? rowTestId(row) : rowTestId}
          >
            {columns.map((column, i) =>
              column.rowHeader ? (
                <th key={i} scope="row" className={`${pad} font-medium ${column.className ?? ""}`}>
                  {column.cell(row)}
                </th>
              ) : (
                <td key={i} className={`${pad} ${column.className ?? ""}`}>
                  {column.cell(row)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <div className={variant === "framed" ? "overflow-x-auto rounded-xl border border-slate-200 bg-white" : "overflow-x-auto"}>
      {table}
      {footer ? <div className="border-t border-slate-100 px-3 py-2 text-xs text-slate-600">{footer}</div> : null}
    </div>
  );
}
