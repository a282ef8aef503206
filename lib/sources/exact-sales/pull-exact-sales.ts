// "Pull now" for an Exact Sales source: an import run (lib/imports/start-import.ts) whose
// reader is the Exact Sales API, so it shows on the Imports page like a file import —
// progress, counts, diff, problems, cancel, atomic apply — and the savepoint moves in
// the same transaction as the data. The outcome adds what a pull's caller wants to
// print: mode, update window, savepoint before and after, requests made.
import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { ImportTrigger } from "@/lib/imports/schemas";
import { startImport, type StartedImport } from "@/lib/imports/start-import";
import type { ImportOutcome, ImportProgress } from "@/lib/imports/run-import";
import { findSource } from "@/lib/sources/list-sources";
import type { ExactSalesConfig } from "./config";
import { exactSalesReaderFor, type ExactSalesClientOverrides } from "./exact-sales-reader-for";
import type { ExactSalesReader } from "./read-exact-sales";
import { EXACT_SALES_SOURCE_KIND } from "./save-exact-sales-source";
import type { UpdateWindow } from "./update-window";

export type PullExactSalesOptions = {
  /** Source id or name. */
  source: string;
  trigger: ImportTrigger;
  actor: Actor | null;
  onProgress?: (progress: ImportProgress) => void;
  client?: ExactSalesClientOverrides;
};

export type ExactSalesPullOutcome = ImportOutcome & {
  mode: ExactSalesConfig["mode"] | null;
  window: UpdateWindow | null;
  savepoint: { before: Date | null; after: Date | null };
  requests: number;
};

export type StartedExactSalesPull = Omit<StartedImport, "done"> & { done: Promise<ExactSalesPullOutcome> };

export async function pullExactSales(options: PullExactSalesOptions): Promise<StartedExactSalesPull> {
  const source = await findSource(options.source);
  if (source.kind !== EXACT_SALES_SOURCE_KIND) throw new AppError("bad_request", `Source "${source.name}" is a ${source.kind} source; pull reads Exact Sales sources`);
  let reader: ExactSalesReader | null = null;
  const started = await startImport({
    source: source.id,
    trigger: options.trigger,
    actor: options.actor,
    onProgress: options.onProgress,
    // Built once the run holds the source's lock, so the savepoint read is the one this run may move.
    reader: async () => (reader = await exactSalesReaderFor(source.id, options.client)),
  });
  const done = started.done.then((outcome): ExactSalesPullOutcome => {
    const used = reader as ExactSalesReader | null;
    return {
      ...outcome,
      mode: used?.options.mode ?? null,
      window: used?.options.window ?? null,
      savepoint: { before: used?.options.savepoint ?? null, after: used?.savepointAfter ?? null },
      requests: used?.requests ?? 0,
    };
  });
  return { ...started, done };
}
