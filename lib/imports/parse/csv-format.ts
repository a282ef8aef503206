// The part every CSV import format shares: check the header against the format's columns,
// map each record, track duplicate ids, and emit batches of records + problems.
import { isReservedKey, RESERVED_KEY_MESSAGE } from "@/lib/input/unsafe-input";
import type { ByteSource, DecodeInfo } from "./decode";
import { readCsv, type CsvColumn, type CsvHeader, type CsvReadOptions, type ReadProgress } from "./csv-reader";
import { duplicateIdProblem, LastWins } from "./last-wins";
import { fileProblem, type ImportProblem } from "./problems";

/** What every import parser yields: records ready to stage, and the problems met on the way. */
export interface ImportBatch<T> {
  records: T[];
  problems: ImportProblem[];
  progress: ReadProgress;
  /** On the last batch when the file was read to its end: what was read, for the run's "files" list. */
  summary?: FileSummary;
  /**
   * Ids of this batch's rejected rows (when the row had one): the importer keeps those
   * records as they were instead of marking them removed from the snapshot.
   */
  rejectedIds?: string[];
  /** With `keepRepeats`: the id column's header as written, for the consumer's duplicate warnings. */
  idColumn?: string;
}

export interface FileSummary {
  /** Physical lines and data records (blank lines excluded, rejected rows included). */
  lines: number;
  rows: number;
  bytesRead: number;
  encoding: string | null;
  bom: boolean;
  gzip: boolean;
  /** CSV only. */
  delimiter?: string;
}

export function fileSummary(progress: ReadProgress, decode: DecodeInfo, delimiter?: string): FileSummary {
  return {
    lines: progress.line,
    rows: progress.rows,
    bytesRead: progress.bytesRead,
    encoding: decode.encoding,
    bom: decode.bom,
    gzip: decode.gzip,
    ...(delimiter === undefined ? {} : { delimiter }),
  };
}

export interface FormatReadOptions extends Omit<CsvReadOptions, "file"> {
  /** Name used in problems and records' `file` (e.g. "deals.csv" or the S3 key). */
  file: string;
  /**
   * Warn when an id repeats and keep the last (default true). Costs one Map entry per record
   * (≈ 60–100 bytes each); a caller that finds duplicates in its staging table can turn it off.
   */
  trackDuplicates?: boolean;
  /**
   * Emit every record, an id's repeats included, and warn about none (overrides trackDuplicates):
   * for a consumer that keeps the last of an id and reports the repeats itself, so memory
   * stays flat however many ids the file has. Batches then carry `idColumn`.
   */
  keepRepeats?: boolean;
}

/** One CSV record as the format sees it: values by lowercase column key. */
export interface CsvRow {
  file: string;
  line: number;
  /** The cell under this column ('' when the column is absent or the row is short). */
  get(key: string): string;
  /** Whether the file has this column. */
  has(key: string): boolean;
  /** The column's header as written in the file, for messages. */
  columnName(key: string): string;
  /** Cells of columns the format does not know, by header name; empty cells left out. */
  extras(): Record<string, string>;
}

export interface CsvFormat<T> {
  /** Columns that must be in the header (lowercase). Missing any → the file is rejected. */
  required: readonly string[];
  /** Columns the format reads when present (lowercase). */
  optional: readonly string[];
  /** Groups of which at least one column must be present (e.g. Dreamdata's company_id/email/contact_id/emails). */
  requireOneOf?: readonly (readonly string[])[];
  /** The column holding the record id, for duplicate warnings. */
  idColumn: string;
  idOf(record: T): string;
  /** Unknown columns are kept by the format (in properties), so they are not reported as ignored. */
  keepsUnknownColumns?: boolean;
  /** Maps a row: a record, or null with at least one error problem. */
  mapRow(row: CsvRow): { record: T | null; problems: ImportProblem[] };
}

export async function* readCsvFormat<T>(
  source: ByteSource,
  format: CsvFormat<T>,
  options: FormatReadOptions,
): AsyncGenerator<ImportBatch<T>> {
  const { file } = options;
  const kept = new LastWins<T>(options.keepRepeats ? "keep" : (options.trackDuplicates ?? true) ? "track" : "collapse");
  let problems: ImportProblem[] = [];
  let rejectedIds: string[] = [];
  let progress: ReadProgress = { line: 0, rows: 0, bytesRead: 0 };
  let layout: ColumnLayout | null = null;
  let delimiter: string | undefined;
  let summary: FileSummary | undefined;

  for await (const event of readCsv(source, options)) {
    switch (event.type) {
      case "header": {
        const checked = checkHeader(event.header, format);
        problems.push(...checked.problems);
        if (!checked.layout) {
          yield { records: [], problems, progress };
          return;
        }
        layout = checked.layout;
        delimiter = event.header.delimiter;
        break;
      }
      case "problem":
        problems.push(event.problem);
        break;
      case "records": {
        progress = event.progress;
        if (!layout) break;
        for (const record of event.records) {
          const row = new LayoutRow(layout, record.line, record.fields);
          const mapped = format.mapRow(row);
          for (const problem of mapped.problems) problems.push(problem);
          if (!mapped.record) {
            const rejectedId = row.get(format.idColumn).trim();
            if (rejectedId !== "") rejectedIds.push(rejectedId);
            continue;
          }
          const id = format.idOf(mapped.record);
          const earlier = kept.add(id, record.line, mapped.record);
          if (earlier !== undefined) problems.push(duplicateIdProblem(file, record.line, earlier, row.columnName(format.idColumn), id));
        }
        const records = kept.takeBatch();
        const idColumn = options.keepRepeats ? { idColumn: layout.nameOf.get(format.idColumn) ?? format.idColumn } : {};
        yield { records, problems, progress, rejectedIds, ...idColumn };
        problems = [];
        rejectedIds = [];
        break;
      }
      case "end":
        progress = event.progress;
        summary = fileSummary(event.progress, event.decode, delimiter);
        break;
    }
  }
  if (problems.length > 0 || summary) yield { records: [], problems, progress, ...(summary ? { summary } : {}) };
}

function checkHeader<T>(header: CsvHeader, format: CsvFormat<T>): { layout: ColumnLayout | null; problems: ImportProblem[] } {
  const { file } = header;
  const problems: ImportProblem[] = [];
  const known = new Set([...format.required, ...format.optional]);
  const byKey = new Map<string, CsvColumn[]>();
  for (const column of header.columns) {
    if (column.key === "") continue;
    const list = byKey.get(column.key) ?? [];
    list.push(column);
    byKey.set(column.key, list);
  }

  const found = header.columns.filter((c) => c.name !== "").map((c) => c.name);
  const missing = format.required.filter((key) => !byKey.has(key));
  if (missing.length > 0) {
    problems.push(
      fileProblem(
        file,
        "missing_columns",
        `${file} is missing required column${missing.length > 1 ? "s" : ""} ${missing.map((k) => `"${k}"`).join(", ")}; ` +
          `the header has ${found.length ? found.map((n) => `"${n}"`).join(", ") : "no column names"} (detected delimiter ${describeDelimiter(header.delimiter)})`,
        { column: missing.join(", ") },
      ),
    );
  }
  for (const group of format.requireOneOf ?? []) {
    if (!group.some((key) => byKey.has(key))) {
      problems.push(
        fileProblem(file, "missing_columns", `${file} needs at least one of the columns ${group.map((k) => `"${k}"`).join(", ")}`, {
          column: group.join(", "),
        }),
      );
    }
  }
  for (const [key, columns] of byKey) {
    if (columns.length > 1 && known.has(key)) {
      problems.push(
        fileProblem(
          file,
          "duplicate_columns",
          `Column "${columns[0].name}" appears ${columns.length} times (positions ${columns.map((c) => c.index + 1).join(", ")}); keep one so it is clear which values to import`,
          { column: columns[0].name },
        ),
      );
    }
  }
  if (problems.length > 0) return { layout: null, problems };

  // A column named __proto__, constructor or prototype would become a property name: never read it.
  const reserved = header.columns.filter((c) => isReservedKey(c.key) || isReservedKey(c.name));
  if (reserved.length > 0) {
    problems.push(
      fileProblem(file, "reserved_name", `Ignored column${reserved.length > 1 ? "s" : ""} ${reserved.map((c) => `"${c.name}"`).join(", ")}: ${RESERVED_KEY_MESSAGE}`, {
        severity: "warning",
        column: reserved.map((c) => c.name).join(", "),
      }),
    );
  }
  const unknown = header.columns.filter((c) => !known.has(c.key) && !reserved.includes(c));
  if (unknown.length > 0 && !format.keepsUnknownColumns) {
    const names = unknown.map((c) => (c.name === "" ? `(unnamed column ${c.index + 1})` : `"${c.name}"`));
    problems.push(
      fileProblem(file, "unknown_columns", `Ignored column${unknown.length > 1 ? "s" : ""} the format does not use: ${names.join(", ")}`, {
        severity: "info",
        column: unknown.map((c) => c.name).join(", "),
      }),
    );
  }

  const indexOf = new Map<string, number>();
  const nameOf = new Map<string, string>();
  for (const [key, columns] of byKey) {
    indexOf.set(key, columns[0].index);
    nameOf.set(key, columns[0].name);
  }
  const layout: ColumnLayout = {
    file,
    delimiter: header.delimiter,
    indexOf,
    nameOf,
    extraColumns: unknown.filter((c) => c.name !== ""),
  };
  return { problems, layout };
}

interface ColumnLayout {
  file: string;
  delimiter: string;
  indexOf: Map<string, number>;
  nameOf: Map<string, string>;
  extraColumns: CsvColumn[];
}

// A class rather than an object of closures: one row per record, so per-row closures add up.
class LayoutRow implements CsvRow {
  constructor(
    private readonly layout: ColumnLayout,
    readonly line: number,
    private readonly fields: string[],
  ) {}
  get file() {
    return this.layout.file;
  }
  get(key: string): string {
    const index = this.layout.indexOf.get(key);
    return index === undefined ? "" : (this.fields[index] ?? "");
  }
  has(key: string): boolean {
    return this.layout.indexOf.has(key);
  }
  columnName(key: string): string {
    return this.layout.nameOf.get(key) ?? key;
  }
  extras(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const column of this.layout.extraColumns) {
      const value = (this.fields[column.index] ?? "").trim();
      if (value !== "") out[column.name] = value;
    }
    return out;
  }
}

function describeDelimiter(delimiter: string): string {
  return delimiter === "\t" ? "tab" : `"${delimiter}"`;
}
