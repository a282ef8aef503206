// Streaming newline-delimited JSON: decoded text → batches of { line, text } with physical
// line numbers. JSON.parse is left to the format (a bad line is a row problem, not a crash).
import { decodeText, UnreadableFileError, type ByteSource, type DecodeInfo, type DecodeOptions } from "./decode";
import { DEFAULT_BATCH_SIZE, DEFAULT_MAX_RECORD_CHARS, whyNotCsv, type ReadProgress } from "./csv-reader";
import { decodeProblem, fileProblem, rowProblem, type ImportProblem } from "./problems";

export interface NdjsonReadOptions extends DecodeOptions {
  file: string;
  batchSize?: number;
  /** Longest line buffered; longer lines are skipped with a row problem so memory stays bounded. */
  maxRecordChars?: number;
}

export interface NdjsonLine {
  line: number;
  text: string;
}

export type NdjsonEvent =
  | { type: "lines"; lines: NdjsonLine[]; progress: ReadProgress }
  | { type: "problem"; problem: ImportProblem }
  | { type: "end"; progress: ReadProgress; decode: DecodeInfo };

export async function* readNdjson(source: ByteSource, options: NdjsonReadOptions): AsyncGenerator<NdjsonEvent> {
  const { file } = options;
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const maxRecordChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  const decoded = decodeText(source, options);
  const progress: ReadProgress = { line: 0, rows: 0, bytesRead: 0 };
  const snapshot = (): ReadProgress => ({ ...progress, bytesRead: decoded.info.bytesRead });

  let carry = "";
  let skipping = false; // inside an over-long line, dropping text until its end
  let checkedStart = false;
  let batch: NdjsonLine[] = [];
  let lineNo = 0;

  // Returns a file-level problem when the first non-blank line shows this is not NDJSON.
  const take = (text: string): ImportProblem | null => {
    lineNo++;
    progress.line = lineNo;
    const trimmed = text.trim();
    if (trimmed === "") return null;
    if (!checkedStart) {
      checkedStart = true;
      const notCsv = whyNotCsv(trimmed);
      if (trimmed.startsWith("[")) {
        return fileProblem(file, "not_ndjson", `${file} is a JSON array; expected newline-delimited JSON (one object per line)`);
      }
      if (!trimmed.startsWith("{") || (notCsv && notCsv !== "JSON")) {
        return fileProblem(
          file,
          "not_ndjson",
          `${file} is not newline-delimited JSON: ${notCsv && notCsv !== "JSON" ? `it looks like ${notCsv}` : "the first line is not a JSON object"}`,
        );
      }
    }
    progress.rows++;
    batch.push({ line: lineNo, text: trimmed });
    return null;
  };

  try {
    for await (const chunk of decoded) {
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf("\n", start);
        if (nl === -1) break;
        const piece = chunk.slice(start, nl);
        start = nl + 1;
        if (skipping) {
          skipping = false;
          lineNo++;
          carry = "";
          continue;
        }
        const text = carry + piece;
        carry = "";
        const stop = take(text.endsWith("\r") ? text.slice(0, -1) : text);
        if (stop) {
          yield { type: "problem", problem: stop };
          return;
        }
        if (batch.length >= batchSize) {
          yield { type: "lines", lines: batch, progress: snapshot() };
          batch = [];
        }
      }
      if (!skipping) {
        carry += chunk.slice(start);
        if (carry.length > maxRecordChars) {
          yield {
            type: "problem",
            problem: rowProblem(file, lineNo + 1, "record_too_large", `Line ${lineNo + 1} is longer than ${maxRecordChars} characters and was skipped`),
          };
          carry = "";
          skipping = true;
        }
      }
    }
    if (!skipping && carry !== "") {
      const stop = take(carry.endsWith("\r") ? carry.slice(0, -1) : carry);
      if (stop) {
        yield { type: "problem", problem: stop };
        return;
      }
    }
    if (batch.length > 0) yield { type: "lines", lines: batch, progress: snapshot() };
    if (!checkedStart) {
      yield { type: "problem", problem: fileProblem(file, "empty_file", `${file} is empty: it has no records`) };
      return;
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
  }
}
