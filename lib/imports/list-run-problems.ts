import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { PROBLEM_CSV_COLUMNS, toCsvStream } from "./parse/csv-writer";
import type { ImportProblem } from "./parse/problems";

export const listRunProblemsSchema = z.object({
  severity: z.enum(["error", "warning", "info"]).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListRunProblemsInput = z.input<typeof listRunProblemsSchema>;

export type RunProblemView = { id: string; severity: string; file: string; line: number | null; column: string | null; code: string; message: string; excerpt: string | null };

export async function listRunProblems(runId: string, input: ListRunProblemsInput = {}): Promise<{ problems: RunProblemView[]; total: number }> {
  const { severity, limit, offset } = listRunProblemsSchema.parse(input);
  const where = { runId, ...(severity ? { severity } : {}) };
  const [rows, total] = await Promise.all([
    getDb().importProblem.findMany({ where, orderBy: [{ file: "asc" }, { line: "asc" }, { id: "asc" }], take: limit, skip: offset }),
    getDb().importProblem.count({ where }),
  ]);
  return {
    problems: rows.map((p) => ({ id: p.id.toString(), severity: p.severity, file: p.file, line: p.line, column: p.column, code: p.code, message: p.message, excerpt: p.excerpt })),
    total,
  };
}

/** Every problem of the run as CSV (formula-looking cells neutralised), streamed page by page. */
export function exportRunProblemsCsv(runId: string): AsyncGenerator<string> {
  return toCsvStream(allProblems(runId), PROBLEM_CSV_COLUMNS, { bom: true });
}

async function* allProblems(runId: string): AsyncGenerator<ImportProblem> {
  let after = -1n;
  for (;;) {
    const page = await getDb().importProblem.findMany({ where: { runId, id: { gt: after } }, orderBy: { id: "asc" }, take: 5000 });
    for (const row of page) yield row as unknown as ImportProblem;
    if (page.length < 5000) return;
    after = page[page.length - 1].id;
  }
}
