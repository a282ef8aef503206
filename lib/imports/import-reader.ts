// The contract between a source and the importer: a reader yields canonical records in
// batches (plus problems and what it read), and runImport stages and applies them. File
// sources (S3, folders) and CRM pulls (Exact Sales) implement the same interface, so they
// share staging, diffing, removal, provenance, progress and cancel.
import type { CanonicalAccount, CanonicalContact, CanonicalDeal } from "./canonical";
import type { ImportProblem } from "./parse/problems";
import type { RecordKind } from "./plan-source-files";

export type { RecordKind };

/** One file (or one API resource) the run looked at, as shown on the run page. */
export interface FileRead {
  name: string;
  /** S3 key, path, or URL. */
  key: string;
  etag: string | null;
  size: number | null;
  lastModified: string | null;
  /** imported: read and applied · unchanged: same ETag as the last import, skipped · rejected: file-level error · ignored: not a file the format reads */
  status: "imported" | "unchanged" | "rejected" | "ignored";
  /** Why an ignored file was not read (e.g. "an older dump: the newest file … is the full snapshot"). */
  reason?: string;
  kind: RecordKind | null;
  /** Data rows read (rejected included). */
  rows?: number;
  encoding?: string | null;
  delimiter?: string;
  /** Hash of the parse options it was read with: changing an option re-reads an unchanged file. */
  optionsHash?: string;
}

export interface ReadProgress {
  /** What is being read now, e.g. "deals.csv". */
  file: string;
  bytesRead: number;
  totalBytes: number | null;
}

export type ImportEvent =
  /**
   * This run brings `kind`. "snapshot": everything of that kind the source has, so records
   * absent from it are marked removed. "partial": only these records (an incremental pull).
   * Must come before the kind's first batch. Kinds never declared are left untouched.
   */
  | { type: "scope"; kind: RecordKind; mode: "snapshot" | "partial" }
  | { type: "deals"; records: CanonicalDeal[]; problems: ImportProblem[]; rejectedIds?: string[]; progress?: ReadProgress; idColumn?: string }
  | { type: "accounts"; records: CanonicalAccount[]; problems: ImportProblem[]; rejectedIds?: string[]; progress?: ReadProgress; idColumn?: string }
  | { type: "contacts"; records: CanonicalContact[]; problems: ImportProblem[]; rejectedIds?: string[]; progress?: ReadProgress; idColumn?: string }
  | { type: "problems"; problems: ImportProblem[] }
  // A batch with `idColumn` may repeat an id (of an earlier batch or its own): the last one wins
  // and runImport reports the repeats of its file, naming the column so (the parser did not).
  /** Starting to read a file (or resource): names it in progress and in failure messages. */
  | { type: "reading"; file: string; totalBytes: number | null }
  | { type: "file"; file: FileRead };

export interface ImportReadContext {
  signal: AbortSignal;
  /** Files of the last successful run of this source, for ETag skipping. */
  previousFiles: FileRead[];
  /** Re-read files even when their ETag has not changed. */
  force: boolean;
  /** Minor-unit exponent of a currency (undefined: not an ISO 4217 currency). */
  exponentOf: (currency: string) => number | undefined;
}

export interface ImportReader {
  /**
   * What to do with a deal whose currency has no rate to the base currency: "reject" the
   * row (Dreamdata: amounts must be comparable) or "keep" it without a base amount.
   */
  readonly missingRate: "reject" | "keep";
  /**
   * Called inside the transaction that applies the run, just before it commits: state a
   * source keeps between runs (an Exact Sales pull's savepoint) moves only with a success.
   */
  onApply?(client: import("pg").Client): Promise<void>;
  /** After the run: one line for people about what the read did beyond the counts (an Exact Sales pull's window and savepoint). */
  describeRead?(): string;
  read(context: ImportReadContext): AsyncIterable<ImportEvent>;
}
