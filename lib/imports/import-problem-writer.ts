// Problems are written as they come (COPY, outside the apply transaction) so a run that
// fails still shows why, and memory stays flat however many rows are rejected.
import "server-only";
import type pg from "pg";
import { copyFromText, copyText } from "@/lib/db/copy-from-stdin";
import type { ImportProblem } from "./parse/problems";

/** A problem as stored: the parser's codes plus the importer's own (missing_rate…). */
export type RunProblem = Omit<ImportProblem, "code"> & { code: string };

const FLUSH_AT = 2000;

export class ImportProblemWriter {
  private pending: RunProblem[] = [];
  readonly counts = { error: 0, warning: 0, info: 0 };

  constructor(
    private readonly client: pg.Client,
    private readonly runId: string,
  ) {}

  async add(problems: readonly RunProblem[]) {
    for (const problem of problems) {
      this.pending.push(problem);
      this.counts[problem.severity]++;
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
