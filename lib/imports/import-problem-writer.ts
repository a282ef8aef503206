// Problems are written as they come (COPY, outside the apply transaction) so a run that
// fails still shows why, and memory stays flat however many rows are rejected. A run keeps
// the first MAX_STORED_PROBLEMS in full and only counts the rest per code, so a hostile or
// broken file cannot fill the database (the rows outlive the run, even a failed one).
import "server-only";
import type pg from "pg";
import { copyFromText, copyText } from "@/lib/db/copy-from-stdin";
import type { ImportProblem } from "./parse/problems";

/** A problem as stored: the parser's codes plus the importer's own (missing_rate…). */
export type RunProblem = Omit<ImportProblem, "code"> & { code: string };

const FLUSH_AT = 2000;
export const MAX_STORED_PROBLEMS = 10_000;

export class ImportProblemWriter {
  private pending: RunProblem[] = [];
  private stored = 0;
  readonly counts = { error: 0, warning: 0, info: 0 };
  /** Problems past the cap, counted per code (a null-prototype map: codes come from the importer, but stay data). */
  readonly notStored: Record<string, number> = Object.create(null);

  constructor(
    private readonly client: pg.Client,
    private readonly runId: string,
    private readonly limit = MAX_STORED_PROBLEMS,
  ) {}

  async add(problems: readonly RunProblem[]) {
    for (const problem of problems) {
      this.counts[problem.severity]++;
      if (this.stored < this.limit) {
        this.stored++;
        this.pending.push(problem);
      } else {
        this.notStored[problem.code] = (this.notStored[problem.code] ?? 0) + 1;
      }
    }
    if (this.pending.length >= FLUSH_AT) await this.flush();
  }

  async flush() {
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    let text = "";
    for (const p of rows) {
      text += [this.runId, p.severity, p.file, p.line, p.column, p.code, p.message, p.excerpt].map(copyText).join("\t") + "\n";
    }
    await copyFromText(this.client, `copy "ImportProblem" ("runId", severity, file, line, "column", code, message, excerpt) from stdin`, text);
  }
}

/** What the run page and the CLI say when problems were counted but not stored; null when none were. */
export function describeProblemsNotStored(notStored: Record<string, number> | undefined): string | null {
  const entries = Object.entries(notStored ?? {}).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return null;
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  const n = (value: number) => value.toLocaleString("en-US");
  return `Only the first ${n(MAX_STORED_PROBLEMS)} problems were kept in full; ${n(total)} more were counted but not stored (${entries.map(([code, count]) => `${code}: ${n(count)}`).join(", ")}).`;
}
