// Writing CSV for people to open in spreadsheets. A cell that starts with = + - @ tab
// or CR would run as a formula in Excel or Sheets (CSV injection), so it gets a
// leading ' — the OWASP recommendation — before RFC 4180 quoting.

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** One CSV line (CRLF-terminated) from cells; null/undefined are empty. */
export function csvRow(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map((c) => quote(neutraliseFormula(c == null ? "" : String(c)))).join(",")}\r\n`;
}
