// CSV we write (problems download, the Jointflows push). Cells that a spreadsheet would run as
// a formula (CSV injection: =HYPERLINK(…), +cmd, -2+3, @SUM) get a leading single quote.
import type { ImportProblem } from "./problems";

export type CsvColumnSpec<T> = (keyof T & string) | { header: string; value: (row: T) => unknown };

export interface CsvWriteOptions {
  delimiter?: string;
  /** RFC 4180 says CRLF; every reader we target accepts it. */
  newline?: "\r\n" | "\n";
  /** Start with a UTF-8 BOM so Excel opens accented text correctly (for downloads, not machine drops). */
  bom?: boolean;
}

// A cell is a plain number when it is only digits with an optional sign and decimals: it cannot be a formula,
// and quoting it would corrupt data that machines read back ("-42" must stay -42).
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell text with formula-looking content neutralised. */
export function neutraliseFormula(text: string): string {
  if (text === "" || PLAIN_NUMBER.test(text)) return text;
  // Leading whitespace does not stop every spreadsheet from evaluating "  =1+1".
  if (FORMULA_START.test(text) || FORMULA_START.test(text.replace(/^[ \u00A0]+/, ""))) return `'${text}`;
  return text;
}

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

/** One CSV line (without newline): neutralised, quoted when needed. */
export function csvLine(values: readonly unknown[], delimiter = ","): string {
  return values
    .map((value) => {
      const text = neutraliseFormula(cellText(value));
      const needsQuotes =
        text.includes(delimiter) || text.includes('"') || text.includes("\n") || text.includes("\r") || /^\s|\s$/.test(text);
      return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(delimiter);
}

function resolveColumns<T>(columns: readonly CsvColumnSpec<T>[]) {
  return columns.map((column) =>
    typeof column === "string"
      ? { header: column, value: (row: T) => (row as Record<string, unknown>)[column] }
      : column,
  );
}

/** A whole CSV document: header line, then one line per row. */
export function toCsv<T>(rows: Iterable<T>, columns: readonly CsvColumnSpec<T>[], options: CsvWriteOptions = {}): string {
  let out = "";
  for (const piece of csvPieces(rows, columns, options)) out += piece;
  return out;
}

/** The same document as chunks, for streaming a large file (e.g. an S3 upload of the Jointflows drop). */
export async function* toCsvStream<T>(
  rows: AsyncIterable<T> | Iterable<T>,
  columns: readonly CsvColumnSpec<T>[],
  options: CsvWriteOptions = {},
): AsyncGenerator<string> {
  const resolved = resolveColumns(columns);
  const { delimiter = ",", newline = "\r\n" } = options;
  let chunk = (options.bom ? "\uFEFF" : "") + csvLine(resolved.map((c) => c.header), delimiter) + newline;
  for await (const row of rows) {
    chunk += csvLine(resolved.map((c) => c.value(row)), delimiter) + newline;
    // ~64 KB pieces: few enough writes, small enough to keep memory flat.
    if (chunk.length >= 65536) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

function* csvPieces<T>(rows: Iterable<T>, columns: readonly CsvColumnSpec<T>[], options: CsvWriteOptions): Generator<string> {
  const resolved = resolveColumns(columns);
  const { delimiter = ",", newline = "\r\n" } = options;
  yield (options.bom ? "\uFEFF" : "") + csvLine(resolved.map((c) => c.header), delimiter) + newline;
  for (const row of rows) yield csvLine(resolved.map((c) => c.value(row)), delimiter) + newline;
}

/** Columns of the problems download. */
export const PROBLEM_CSV_COLUMNS: CsvColumnSpec<ImportProblem>[] = ["file", "line", "column", "severity", "code", "message", "excerpt"];
