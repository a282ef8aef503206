// Duplicate ids within one file: the last row wins and the repeat is reported naming both lines.
// Records stream out in file order, so across batches "last wins" is the consumer applying
// batches in order (an upsert); within a batch we keep only the last record of an id, because
// a bulk INSERT … ON CONFLICT cannot touch the same row twice in one statement.
import { cellExcerpt, quoteValue, rowProblem, type ImportProblem } from "./problems";

/**
 * track: warn about repeats across the whole file (one Map entry per id, ≈ 60–100 bytes) and
 * collapse same-batch ones; collapse: only collapse same-batch repeats, silently; keep: every
 * record stays (memory flat whatever the file's size): the consumer keeps the last of an id and
 * reports the repeats (the importer does both in its staging tables).
 */
export type RepeatMode = "track" | "collapse" | "keep";

export class LastWins<T> {
  private readonly lastLineById = new Map<string, number>();
  private batch: T[] = [];
  private indexInBatch = new Map<string, number>();

  constructor(private readonly mode: RepeatMode) {}

  /** Adds a record; returns the line where its id was last seen (when tracking), else undefined. */
  add(id: string, line: number, record: T): number | undefined {
    if (this.mode === "keep") {
      this.batch.push(record);
      return undefined;
    }
    let earlier: number | undefined;
    if (this.mode === "track") {
      earlier = this.lastLineById.get(id);
      this.lastLineById.set(id, line);
    }
    const at = this.indexInBatch.get(id);
    if (at !== undefined) this.batch[at] = record;
    else {
      this.indexInBatch.set(id, this.batch.length);
      this.batch.push(record);
    }
    return earlier;
  }

  /** The records added since the last call, each id once. */
  takeBatch(): T[] {
    const out = this.batch;
    this.batch = [];
    this.indexInBatch = new Map();
    return out;
  }
}

/** The warning for a repeated id, naming both lines. */
export function duplicateIdProblem(file: string, line: number, earlier: number, idColumn: string, id: string): ImportProblem {
  return rowProblem(file, line, "duplicate_id", `${idColumn} ${quoteValue(id)} is also on line ${earlier}; line ${line} wins and line ${earlier} is ignored`, {
    severity: "warning",
    column: idColumn,
    excerpt: cellExcerpt(id),
  });
}
