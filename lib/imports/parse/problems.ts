// Problems found while reading an import file. The shape matches the ImportProblem
// table (prisma/schema.prisma) so the importer can insert them as they come.
//
// One invariant carries the meaning, so nobody needs a separate "rejected" flag:
//   severity "error" + line null  → the whole file is rejected (nothing from it may be applied)
//   severity "error" + line set   → that row is rejected; the rest of the file continues
//   "warning" / "info"            → the row or file was imported; this is something to look at

import type { DecodeInfo } from "./decode";

export type ProblemSeverity = "error" | "warning" | "info";

export type ProblemCode =
  // file level
  | "empty_file"
  | "no_rows"
  | "not_csv"
  | "not_ndjson"
  | "unreadable_file"
  | "decompression_limit"
  | "invalid_encoding"
  | "missing_columns"
  | "duplicate_columns"
  | "unknown_columns"
  | "reserved_name"
  | "record_too_large"
  // row level
  | "missing_value"
  | "invalid_value"
  | "invalid_date"
  | "ambiguous_date"
  | "invalid_timestamp"
  | "invalid_amount"
  | "invalid_email"
  | "invalid_url"
  | "unknown_currency"
  | "currency_mismatch"
  | "missing_reference"
  | "duplicate_id"
  | "malformed_row"
  | "too_many_fields"
  | "invalid_json"
  | "account_conflict"
  | "account_without_name";

export interface ImportProblem {
  severity: ProblemSeverity;
  /** The file name as the caller named it (e.g. "deals.csv" or the S3 key). */
  file: string;
  /** 1-based physical line where the record starts; null for file-level problems. */
  line: number | null;
  /** The column (as spelled in the file's header) or JSON field the problem is about. */
  column: string | null;
  code: ProblemCode;
  message: string;
  /** The offending cell's value, shortened; never more of the row (it may hold anything the file holds). */
  excerpt: string | null;
}

/** True when this problem means nothing from the file may be applied. */
export function rejectsFile(problem: ImportProblem): boolean {
  return problem.severity === "error" && problem.line === null;
}

/** True when this problem means its row was not imported. */
export function rejectsRow(problem: ImportProblem): boolean {
  return problem.severity === "error" && problem.line !== null;
}

type ProblemOptions = { severity?: ProblemSeverity; column?: string | null; excerpt?: string | null };

function problemAt(file: string, line: number | null, code: ProblemCode, message: string, options: ProblemOptions): ImportProblem {
  return {
    severity: options.severity ?? "error",
    file,
    line,
    column: options.column ?? null,
    code,
    message,
    excerpt: options.excerpt ?? null,
  };
}

/** A problem with the whole file (no line): as an error it rejects the file. */
export function fileProblem(file: string, code: ProblemCode, message: string, options: ProblemOptions = {}): ImportProblem {
  return problemAt(file, null, code, message, options);
}

export function rowProblem(file: string, line: number, code: ProblemCode, message: string, options: ProblemOptions = {}): ImportProblem {
  return problemAt(file, line, code, message, options);
}

/** The warning for bytes the decoder had to replace, if any (CSV and NDJSON alike). */
export function decodeProblem(file: string, info: DecodeInfo): ImportProblem | null {
  if (info.replacementChars === 0) return null;
  return fileProblem(
    file,
    "invalid_encoding",
    `${info.replacementChars} character(s) could not be decoded as ${info.encoding} and were replaced with "\uFFFD"; set the source's encoding if the file is not ${info.encoding}`,
    { severity: "warning" },
  );
}

export const EXCERPT_MAX_CHARS = 200;

/** Cuts long text for an excerpt, marking the cut. */
export function truncateExcerpt(text: string, max = EXCERPT_MAX_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The excerpt of a problem: the offending cell only (text as written, anything else as
 * JSON), shortened; null when empty. Whole rows and file heads are never excerpted: a
 * source pointed at the wrong file must not show its other cells (passwords, keys).
 */
export function cellExcerpt(value: unknown): string | null {
  if (value === undefined || value === null || value === "") return null;
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return truncateExcerpt(text.replace(/\r\n|\r|\n/g, "⏎"));
}

/** Quotes a value for messages: "D-1" (or "empty"). */
export function quoteValue(value: string): string {
  if (value === "") return "an empty value";
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 59)}…` : value);
}
