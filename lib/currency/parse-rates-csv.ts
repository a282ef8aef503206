// Parses an exchange-rate CSV: columns date, currency, rate (any order, any case,
// aliases below, unknown columns ignored and reported as info). Delimiter , ; or tab
// (detected), UTF-8 with or without BOM, CRLF or LF, quoted fields.
//
// Whole-file problems (missing column, broken quoting, no header) reject the file:
// `fileRejected: true` and nothing may be imported. Row problems skip that row only.
// Lines are 1-based physical lines of the file (the header is line 1), so a quoted
// newline does not shift later line numbers.
import Papa from "papaparse";
import { currencyCodeSchema } from "./currency-code";
import { parseIsoDay } from "./iso-day";
import { parseRate } from "./rate";

export type CsvProblem = {
  line: number | null;
  column: string | null;
  code: string;
  message: string;
  severity: "error" | "warning" | "info";
};

export type ParsedRate = { line: number; currency: string; validFrom: string; rate: string };

export type ParseRatesCsvResult = {
  fileRejected: boolean;
  rows: ParsedRate[];
  problems: CsvProblem[];
  /** Data rows read (blank lines not counted). */
  rowCount: number;
};

const COLUMNS = {
  date: ["date", "validfrom", "day", "effectivedate", "ratedate"],
  currency: ["currency", "currencycode", "code", "ccy"],
  rate: ["rate", "ratetobase", "exchangerate", "fxrate"],
} as const;
type Column = keyof typeof COLUMNS;

const normaliseHeader = (h: string) => h.replace(/^\uFEFF/, "").trim().toLowerCase().replace(/[^a-z0-9]/g, "");

export function parseExchangeRatesCsv(text: string, options: { baseCurrency: string }): ParseRatesCsvResult {
  const problems: CsvProblem[] = [];
  const rejected = (problem: Omit<CsvProblem, "severity">): ParseRatesCsvResult => ({
    fileRejected: true,
    rows: [],
    problems: [...problems, { ...problem, severity: "error" }],
    rowCount: 0,
  });

  const body = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (!body.trim()) return rejected({ line: null, column: null, code: "empty_file", message: "The file is empty; expected a header row: date,currency,rate" });

  // Physical line where each record starts: papaparse's cursor is the offset after the record.
  const records: { line: number; cells: string[] }[] = [];
  let offset = 0;
  let line = 1;
  let quoteError: { line: number; message: string } | null = null;
  Papa.parse<string[]>(body, {
    header: false,
    newline: "\n",
    delimitersToGuess: [",", ";", "\t", "|"],
    step: (result) => {
      const start = line;
      const end = result.meta.cursor;
      for (let i = offset; i < end && i < body.length; i++) if (body.charCodeAt(i) === 10) line++;
      offset = end;
      if (!quoteError && result.errors.some((e) => e.type === "Quotes")) {
        quoteError = { line: start, message: result.errors.find((e) => e.type === "Quotes")!.message };
      }
      records.push({ line: start, cells: result.data });
    },
  });
  if (quoteError) {
    const q = quoteError as { line: number; message: string };
    return rejected({ line: q.line, column: null, code: "malformed_csv", message: `Broken quoting from line ${q.line}: ${q.message}` });
  }

  const isBlank = (cells: string[]) => cells.every((c) => c.trim() === "");
  const headerIndex = records.findIndex((r) => !isBlank(r.cells));
  const header = records[headerIndex];
  const index: Partial<Record<Column, number>> = {};
  const names: Partial<Record<Column, string>> = {};
  header.cells.forEach((raw, i) => {
    const h = normaliseHeader(raw);
    const column = (Object.keys(COLUMNS) as Column[]).find((c) => (COLUMNS[c] as readonly string[]).includes(h));
    if (!column) {
      problems.push({ line: header.line, column: raw.trim(), code: "unknown_column", message: `Column "${raw.trim()}" is not used`, severity: "info" });
    } else if (index[column] !== undefined) {
      problems.push({ line: header.line, column: raw.trim(), code: "duplicate_column", message: `Column "${raw.trim()}" repeats the ${column} column`, severity: "error" });
    } else {
      index[column] = i;
      names[column] = raw.trim();
    }
  });
  if (problems.some((p) => p.code === "duplicate_column")) {
    return { fileRejected: true, rows: [], problems, rowCount: 0 };
  }
  const missing = (Object.keys(COLUMNS) as Column[]).filter((c) => index[c] === undefined);
  if (missing.length) {
    return {
      fileRejected: true,
      rows: [],
      rowCount: 0,
      problems: [
        ...problems,
        ...missing.map((c) => ({
          line: header.line,
          column: c,
          code: "missing_column",
          message: `Required column "${c}" is missing (the header must name date, currency and rate; found: ${header.cells.map((h) => h.trim()).join(", ") || "nothing"})`,
          severity: "error" as const,
        })),
      ],
    };
  }

  const base = options.baseCurrency;
  const byKey = new Map<string, ParsedRate>();
  let rowCount = 0;
  for (const record of records.slice(headerIndex + 1)) {
    if (isBlank(record.cells)) continue;
    rowCount++;
    const rowProblems: CsvProblem[] = [];
    const problem = (column: string | null, code: string, message: string, severity: CsvProblem["severity"] = "error") =>
      rowProblems.push({ line: record.line, column, code, message, severity });

    if (record.cells.length > header.cells.length) {
      problem(null, "too_many_fields", `Line has ${record.cells.length} fields but the header has ${header.cells.length} (is a comma used as the decimal point?)`);
    }
    const cell = (c: Column) => (record.cells[index[c]!] ?? "").trim();

    const dateText = cell("date");
    const validFrom = parseIsoDay(dateText);
    if (!dateText) problem(names.date!, "missing_value", "date is empty");
    else if (!validFrom) problem(names.date!, "invalid_date", `${JSON.stringify(dateText)} is not a date written YYYY-MM-DD, e.g. 2025-01-31`);

    const currencyText = cell("currency");
    const currency = currencyCodeSchema.safeParse(currencyText);
    if (!currencyText) problem(names.currency!, "missing_value", "currency is empty");
    else if (!currency.success) problem(names.currency!, "unknown_currency", `${JSON.stringify(currencyText)} is not an ISO 4217 currency code`);

    const rateText = cell("rate");
    const rate = parseRate(rateText);
    if (!rateText) problem(names.rate!, "missing_value", "rate is empty");
    else if (!rate.ok) problem(names.rate!, "invalid_rate", rate.message);

    if (!rowProblems.length && currency.success && currency.data === base) {
      if (rate.ok && rate.rate === "1") {
        problem(names.currency!, "base_currency", `${base} is the base currency; its rate is always 1 (row skipped)`, "info");
      } else {
        problem(names.currency!, "base_currency", `${base} is the base currency; its rate is always 1, not ${rateText}`);
      }
    }

    problems.push(...rowProblems);
    if (rowProblems.length || !validFrom || !currency.success || !rate.ok) continue;
    const key = `${currency.data}|${validFrom}`;
    const earlier = byKey.get(key);
    if (earlier) {
      problems.push({
        line: earlier.line,
        column: null,
        code: "duplicate_row",
        message: `${currency.data} on ${validFrom} appears again on line ${record.line}; the later row wins`,
        severity: "warning",
      });
    }
    byKey.set(key, { line: record.line, currency: currency.data, validFrom, rate: rate.rate });
  }
  if (rowCount === 0) {
    problems.push({ line: null, column: null, code: "no_rows", message: "The file has a header but no rates", severity: "info" });
  }
  const rows = [...byKey.values()].sort((a, b) => a.line - b.line);
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { fileRejected: false, rows, problems, rowCount };
}
