// Streaming CSV reading: decoded text → papaparse's incremental Parser → batches of records
// that know the physical line they start on. Format-agnostic: the format mappers
// (jointflows.ts, dreamdata.ts) decide which columns matter.
import Papa from "papaparse";
import { decodeText, UnreadableFileError, type ByteSource, type DecodeInfo, type DecodeOptions } from "./decode";
import { decodeProblem, fileProblem, rowProblem, type ImportProblem } from "./problems";

export const CSV_DELIMITERS = [",", ";", "\t", "|"] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

export interface CsvReadOptions extends DecodeOptions {
  /** Name used in problems (e.g. "deals.csv"). */
  file: string;
  /** Skip sniffing and use this delimiter. */
  delimiter?: CsvDelimiter;
  /** Records per "records" event. */
  batchSize?: number;
  /**
   * Longest record (in characters) we are willing to buffer. A stray unclosed quote would
   * otherwise make the parser hold the rest of the file; past this the file is rejected.
   */
  maxRecordChars?: number;
}

export interface CsvColumn {
  /** Position in the record. */
  index: number;
  /** Header text as written (cleaned of BOM, surrounding quotes and whitespace) — used in messages. */
  name: string;
  /** Lowercased name — used for matching. */
  key: string;
}

export interface CsvHeader {
  file: string;
  /** Physical line of the header (1 unless the file starts with blank lines). */
  line: number;
  delimiter: CsvDelimiter;
  newline: "\n" | "\r\n" | "\r";
  columns: CsvColumn[];
}

export interface CsvRecord {
  /** 1-based physical line where the record starts (the header is line 1). */
  line: number;
  /** Raw field values, untrimmed; index with CsvColumn.index. */
  fields: string[];
}

export interface ReadProgress {
  /** Last physical line consumed. */
  line: number;
  /** Data records seen so far (blank lines excluded, rejected rows included). */
  rows: number;
  /** Raw bytes read from the source (compare with Content-Length for a percentage). */
  bytesRead: number;
}

export type CsvEvent =
  | { type: "header"; header: CsvHeader }
  | { type: "records"; records: CsvRecord[]; progress: ReadProgress }
  | { type: "problem"; problem: ImportProblem }
  | { type: "end"; progress: ReadProgress; decode: DecodeInfo };

export const DEFAULT_BATCH_SIZE = 1000;
export const DEFAULT_MAX_RECORD_CHARS = 4 * 1024 * 1024;
// Enough text to see the header and judge whether the file is CSV at all.
const SAMPLE_CHARS = 64 * 1024;
// Text handed to the parser per step, so a caller passing the whole file as one Buffer still gets flat batches.
const FEED_CHARS = 256 * 1024;

/**
 * Reads a CSV file as events: at most one "header", then "records" batches and "problem"s
 * in file order, then "end". File-level problems (empty, not CSV, unreadable) end the
 * stream early; they can arrive after records (e.g. a gzip truncated halfway), in which case
 * the records already emitted must be discarded (see problems.ts for the invariant).
 */
export async function* readCsv(source: ByteSource, options: CsvReadOptions): AsyncGenerator<CsvEvent> {
  const { file } = options;
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const maxRecordChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  const decoded = decodeText(source, options);
  const text = boundedChunks(decoded, FEED_CHARS)[Symbol.asyncIterator]();
  const progress: ReadProgress = { line: 0, rows: 0, bytesRead: 0 };
  const snapshot = (): ReadProgress => ({ ...progress, bytesRead: decoded.info.bytesRead });

  try {
    // 1. Sample the start of the file.
    let buffer = "";
    let ended = false;
    while (buffer.length < SAMPLE_CHARS) {
      const next = await text.next();
      if (next.done) {
        ended = true;
        break;
      }
      buffer += next.value;
    }

    if (buffer.trim() === "") {
      yield { type: "problem", problem: fileProblem(file, "empty_file", `${file} is empty: there is no header and no data`) };
      return;
    }
    const notCsv = whyNotCsv(buffer);
    if (notCsv) {
      yield {
        type: "problem",
        problem: fileProblem(file, "not_csv", `${file} is not a CSV file: it looks like ${notCsv}`),
      };
      return;
    }

    const newline = detectNewline(buffer);
    const delimiter = options.delimiter ?? sniffDelimiter(firstNonBlankLine(buffer));
    // No fastMode flag: papaparse picks its split-by-newline fast path per call when the text has no quotes.
    const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });

    let header: CsvHeader | null = null;
    let batch: CsvRecord[] = [];
    let nextLine = 1;

    // 2. Parse whatever complete records the buffer holds, keep the incomplete tail.
    // Returns events to emit (records are batched separately).
    type ParseResult = { data: string[][]; errors: { code: string; row: number }[]; meta: { cursor: number } };
    const consume = (isLast: boolean): CsvEvent[] => {
      const events: CsvEvent[] = [];
      if (buffer === "") return events;
      // Hold back the last, possibly incomplete, record — also at the end when the text ends with a
      // newline, or papaparse would report an empty record after it (one line too many).
      const result = parser.parse(buffer, 0, !isLast || buffer.endsWith(newline)) as ParseResult;
      buffer = buffer.slice(result.meta.cursor);
      processRows(result, events);
      if (isLast && buffer !== "") {
        // What is left at the end (a last line without newline, or an unclosed quote) is the last record.
        processRows(parser.parse(buffer, 0, false) as ParseResult, events);
        buffer = "";
      }
      return events;
    };

    const processRows = (result: ParseResult, events: CsvEvent[]) => {
      const errorsByRow = new Map<number, string>();
      for (const error of result.errors) if (!errorsByRow.has(error.row)) errorsByRow.set(error.row, error.code);

      for (let r = 0; r < result.data.length; r++) {
        const fields = result.data[r];
        const line = nextLine;
        const span = 1 + countLineBreaks(fields);
        nextLine += span;
        progress.line = nextLine - 1;
        if (isBlank(fields)) continue;

        if (!header) {
          header = { file, line, delimiter, newline, columns: headerColumns(fields) };
          events.push({ type: "header", header });
          continue;
        }
        progress.rows++;

        const errorCode = errorsByRow.get(r);
        if (errorCode) {
          const message =
            errorCode === "MissingQuotes"
              ? `A quoted value starting in this row is never closed, so lines ${line}–${line + span - 1} were read as one row; close the quote (or double quotes inside values as "")`
              : `A quote inside a quoted value is not doubled (write "" for a literal quote), so this row's fields cannot be split reliably`;
          events.push({
            type: "problem",
            problem: rowProblem(file, line, "malformed_row", message),
          });
          continue;
        }

        const width = header.columns.length;
        if (fields.length > width) {
          // Extra empty fields (trailing delimiters) are harmless; extra values mean the fields shifted.
          let extra = false;
          for (let i = width; i < fields.length; i++) if (fields[i].trim() !== "") extra = true;
          if (extra) {
            events.push({
              type: "problem",
              problem: rowProblem(
                file,
                line,
                "too_many_fields",
                `This row has ${fields.length} fields but the header has ${width}; a value probably contains an unquoted "${printableDelimiter(delimiter)}", which shifts the columns`,
              ),
            });
            continue;
          }
          fields.length = width;
        }
        batch.push({ line, fields });
      }
    };

    const flush = (): CsvEvent | null => {
      if (batch.length === 0) return null;
      const event: CsvEvent = { type: "records", records: batch, progress: snapshot() };
      batch = [];
      return event;
    };

    for (;;) {
      for (const event of consume(ended)) yield event;
      while (batch.length >= batchSize) {
        const records = batch.slice(0, batchSize);
        batch = batch.slice(batchSize);
        yield { type: "records", records, progress: snapshot() };
      }
      if (ended) break;
      if (buffer.length > maxRecordChars) {
        const tooLong = flush();
        if (tooLong) yield tooLong;
        yield {
          type: "problem",
          problem: fileProblem(
            file,
            "record_too_large",
            `The row starting on line ${nextLine} is longer than ${maxRecordChars} characters — most likely a quote that is never closed; the file was not read further`,
          ),
        };
        return;
      }
      // Feed at least one more chunk, then parse again.
      const next = await text.next();
      if (next.done) ended = true;
      else buffer += next.value;
    }

    const last = flush();
    if (last) yield last;

    if (!header) {
      yield { type: "problem", problem: fileProblem(file, "empty_file", `${file} is empty: there is no header and no data`) };
      return;
    }
    if (progress.rows === 0) {
      yield {
        type: "problem",
        problem: fileProblem(file, "no_rows", `${file} has a header but no rows`, { severity: "warning" }),
      };
    }
    const decodeWarning = decodeProblem(file, decoded.info);
    if (decodeWarning) yield { type: "problem", problem: decodeWarning };
    yield { type: "end", progress: snapshot(), decode: decoded.info };
  } catch (error) {
    if (error instanceof UnreadableFileError) {
      yield { type: "problem", problem: fileProblem(file, error.code, `${file} could not be read: ${error.message}`) };
      return;
    }
    throw error;
  } finally {
    await text.return?.(undefined);
  }
}

async function* boundedChunks(chunks: AsyncIterable<string>, max: number): AsyncGenerator<string> {
  for await (const chunk of chunks) {
    if (chunk.length <= max) yield chunk;
    else for (let at = 0; at < chunk.length; at += max) yield chunk.slice(at, at + max);
  }
}

/** Cleans a header cell for matching: BOM, whitespace and leftover quotes removed. */
export function cleanHeaderName(raw: string): string {
  let name = raw.replace(/\uFEFF/g, "").trim();
  // Quotes papaparse left in place (e.g. 'name' or a quoted cell with spaces around it).
  while (name.length >= 2 && ((name[0] === '"' && name.endsWith('"')) || (name[0] === "'" && name.endsWith("'")))) {
    name = name.slice(1, -1).trim();
  }
  return name;
}

function headerColumns(fields: string[]): CsvColumn[] {
  return fields.map((raw, index) => {
    const name = cleanHeaderName(raw);
    return { index, name, key: name.toLowerCase() };
  });
}

function isBlank(fields: string[]): boolean {
  for (const field of fields) if (field.trim() !== "") return false;
  return true;
}

/** Physical line breaks inside a record's values (\r\n, \n and a lone \r each count once). */
function countLineBreaks(fields: string[]): number {
  let breaks = 0;
  for (const field of fields) {
    if (field.length === 0) continue;
    let at = field.indexOf("\n");
    while (at !== -1) {
      breaks++;
      at = field.indexOf("\n", at + 1);
    }
    at = field.indexOf("\r");
    while (at !== -1) {
      if (field[at + 1] !== "\n") breaks++;
      at = field.indexOf("\r", at + 1);
    }
  }
  return breaks;
}

function detectNewline(sample: string): "\n" | "\r\n" | "\r" {
  const at = sample.search(/[\r\n]/);
  if (at === -1 || sample[at] === "\n") return "\n";
  return sample[at + 1] === "\n" ? "\r\n" : "\r";
}

function firstNonBlankLine(sample: string): string {
  for (const line of sample.split(/\r\n|\r|\n/)) if (line.trim() !== "") return line;
  return "";
}

/** The candidate appearing most often outside quotes in the header line; ties go to the earlier candidate. */
export function sniffDelimiter(headerLine: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(CSV_DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  for (const ch of headerLine) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && counts.has(ch as CsvDelimiter)) counts.set(ch as CsvDelimiter, counts.get(ch as CsvDelimiter)! + 1);
  }
  let best: CsvDelimiter = ",";
  let bestCount = 0;
  for (const d of CSV_DELIMITERS) {
    const count = counts.get(d)!;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

/** A reason when the sample is clearly not CSV, else null. */
export function whyNotCsv(sample: string): string | null {
  const head = sample.slice(0, 8192);
  if (head.startsWith("PK\u0003\u0004")) return "a ZIP archive (an .xlsx workbook is one); export the sheet as CSV";
  if (head.startsWith("%PDF")) return "a PDF document";
  if (head.startsWith("\u00D0\u00CF\u0011\u00E0")) return "an old Excel (.xls) workbook; export the sheet as CSV";
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0) return "binary data";
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) control++;
  }
  if (control > Math.max(2, head.length * 0.01)) return "binary data";
  const start = head.replace(/^[\s\uFEFF]+/, "");
  if (/^<(!doctype|html|\?xml|head|body|[a-z]+[\s>])/i.test(start)) return "HTML or XML (perhaps an error page)";
  if (/^\{\s*("|\}|$)/.test(start) || /^\[\s*(\{|\[|"|\]|$)/m.test(start.slice(0, 200).split(/\r?\n/)[0] ?? "")) {
    return "JSON";
  }
  return null;
}

function printableDelimiter(delimiter: CsvDelimiter): string {
  return delimiter === "\t" ? "tab" : delimiter;
}
