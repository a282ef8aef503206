// Reading one row's values through the normalisers while collecting its problems, each naming
// the column as written in the file.
//
// Why not a zod object per row: measured on this code, zod 4 added 5–10 µs per row (one
// z.object of ~14 transformed fields), more than papaparse and all normalisers together; on
// the 1M-row bench drop that is 5–10 s. The rules stay declarative in the mappers (one line per
// field: required / optional / normaliser) and zod stays where it pays: option schemas.
import type { CsvRow } from "./csv-format";
import { cellExcerpt, rowProblem, type ImportProblem, type ProblemCode, type ProblemSeverity } from "./problems";
import type { Normalised } from "./result";
import { cleanText } from "./text";

/** Where a row came from, for its problems: a CSV row (CsvRow fits) or an NDJSON line. */
export interface RowOrigin {
  readonly file: string;
  readonly line: number;
  /** The raw value under `key`: the one thing a problem about that column may quote. */
  get(key: string): unknown;
  /** The column/field name as written in the file. */
  columnName(key: string): string;
}

/** A row's problems. Errors reject the row; warnings keep it. */
export class RowProblems {
  readonly problems: ImportProblem[] = [];
  private errors = 0;

  constructor(protected readonly origin: RowOrigin) {}

  /** True while nothing rejected the row. */
  get ok(): boolean {
    return this.errors === 0;
  }

  /** An error about a column; the message follows the column name ("owner_email is …"). */
  error(key: string, code: ProblemCode, message: string) {
    this.add(key, code, `${this.origin.columnName(key)} ${message}`, "error");
  }

  warn(key: string, code: ProblemCode, message: string) {
    this.add(key, code, `${this.origin.columnName(key)} ${message}`, "warning");
  }

  /** A problem with a complete message of its own. */
  add(key: string, code: ProblemCode, message: string, severity: ProblemSeverity) {
    if (severity === "error") this.errors++;
    this.problems.push(
      rowProblem(this.origin.file, this.origin.line, code, message, {
        severity,
        column: this.origin.columnName(key),
        excerpt: cellExcerpt(this.origin.get(key)),
      }),
    );
  }
}

/** RowProblems plus typed reads of a CSV row's cells. */
export class CellReader extends RowProblems {
  constructor(private readonly row: CsvRow) {
    super(row);
  }

  /** Trimmed NFC text; empty → missing_value error. */
  requiredText(key: string): string {
    const text = cleanText(this.row.get(key));
    if (text === null) this.error(key, "missing_value", "is required but empty");
    return text ?? "";
  }

  /** Trimmed NFC text, or null. */
  optionalText(key: string): string | null {
    return cleanText(this.row.get(key));
  }

  /** Through a normaliser; empty → missing_value error, invalid → the normaliser's code. */
  required<T>(key: string, normalise: (raw: string) => Normalised<T>): T | null {
    const raw = this.row.get(key);
    if (raw.trim() === "") {
      this.error(key, "missing_value", "is required but empty");
      return null;
    }
    const result = normalise(raw);
    if (result.ok) return result.value;
    this.error(key, result.code, result.message);
    return null;
  }

  /** Through a normaliser; empty → null, invalid → null and a warning (the row is kept). */
  optional<T>(key: string, normalise: (raw: string) => Normalised<T>): T | null {
    const raw = this.row.get(key);
    if (raw.trim() === "") return null;
    const result = normalise(raw);
    if (result.ok) return result.value;
    this.warn(key, result.code, `${result.message}; the value was left out`);
    return null;
  }
}
