// One import run, end to end, on the run's own connection (which holds the source's lock):
// read the source's canonical batches into staging tables, then apply them to the live
// tables in one transaction together with the run's final status. Anything that goes
// wrong before COMMIT — a bad file, an S3 error, a cancel, a crash — leaves the previous
// snapshot fully visible.
import "server-only";
import type pg from "pg";
import { findCurrency } from "@/lib/currency/currency-code";
import { loadRates } from "@/lib/currency/load-rates";
import type { RateTable } from "@/lib/currency/rate-table";
import { getDb } from "@/lib/db/client";
import { linkImportedDeals } from "@/lib/deals/link-deals";
import { AppError } from "@/lib/errors";
import { applyAccounts, applyContacts, applyDeals, dropSupersededRows, mergeStagedAccounts, type KindCounts, type ScopeMode } from "./apply-staged-records";
import { checkReviewRules, holdStagedImport } from "./hold-staged-import";
import type { FileRead, ImportEvent, ImportReader, RecordKind } from "./import-reader";
import { ImportProblemWriter, type RunProblem } from "./import-problem-writer";
import { StagingTables, type StagedDeal } from "./staging-tables";

/** held: staged and diffed, waiting for review; discarded / expired: held and never applied. */
export type ImportStatus = "running" | "succeeded" | "failed" | "cancelled" | "unchanged" | "held" | "discarded" | "expired";

export interface ImportCounts {
  /** Deals. */
  new: number;
  changed: number;
  unchanged: number;
  removed: number;
  rejected: number;
  accounts?: KindCounts & { rejected: number };
  contacts?: KindCounts & { rejected: number };
  /** Data rows read, rejected included. */
  rows: number;
  problems: { error: number; warning: number; info: number };
  /** Problems past the per-run cap (counted above, not stored), per code. Absent when none. */
  problemsNotStored?: Record<string, number>;
}

export interface ImportProgress {
  phase: "reading" | "applying" | "done";
  file: string | null;
  rowsProcessed: number;
  rowsPerSecond: number;
  bytesRead: number;
  totalBytes: number | null;
  updatedAt: string;
}

export interface ImportOutcome {
  runId: string;
  status: Exclude<ImportStatus, "running">;
  counts: ImportCounts;
  files: FileRead[];
  error: string | null;
}

export interface RunImportOptions {
  runId: string;
  sourceId: string;
  /** The run's dedicated connection; it holds the source's advisory lock. */
  client: pg.Client;
  reader: ImportReader;
  /** Aborted by a cancel in this process; other processes' cancels arrive through ImportRun.cancelRequested. */
  signal: AbortSignal;
  force?: boolean;
  /** Called with every progress update (the CLI prints them on stderr). */
  onProgress?: (progress: ImportProgress) => void;
}

export class ImportCancelledError extends Error {
  constructor() {
    super("Cancelled");
    this.name = "ImportCancelledError";
  }
}

const PROGRESS_EVERY_MS = 500;
const REFERENCE_WARNINGS_LIMIT = 1000;

export async function runImport(options: RunImportOptions): Promise<ImportOutcome> {
  const { client, runId, sourceId } = options;
  const started = Date.now();
  const problems = new ImportProblemWriter(client, runId);
  const files: FileRead[] = [];
  const scopes = new Map<RecordKind, ScopeMode>();
  const rejected: Record<RecordKind, number> = { deals: 0, accounts: 0, contacts: 0 };
  const fileErrors: string[] = [];
  const missingRates = new Map<string, { count: number; file: string; line: number; message: string }>();
  let rowsProcessed = 0;
  let progress: ImportProgress = { phase: "reading", file: null, rowsProcessed: 0, rowsPerSecond: 0, bytesRead: 0, totalBytes: null, updatedAt: new Date().toISOString() };
  let lastProgressAt = 0;
  let staging: StagingTables | null = null;

  const report = async (force = false) => {
    const now = Date.now();
    if (!force && now - lastProgressAt < PROGRESS_EVERY_MS) return;
    lastProgressAt = now;
    const seconds = Math.max((now - started) / 1000, 0.001);
    progress = { ...progress, rowsProcessed, rowsPerSecond: Math.round(rowsProcessed / seconds), updatedAt: new Date(now).toISOString() };
    options.onProgress?.(progress);
    await problems.flush();
    const result = await client.query(`update "ImportRun" set progress = $2 where id = $1 returning "cancelRequested"`, [runId, progress]);
    if (result.rows[0]?.cancelRequested || options.signal.aborted) throw new ImportCancelledError();
  };

  try {
    const [rates, previousFiles] = await Promise.all([loadRates(), loadPreviousFiles(sourceId)]);
    staging = await StagingTables.create(client);
    const events = options.reader.read({
      signal: options.signal,
      previousFiles,
      force: options.force ?? false,
      exponentOf: (currency) => findCurrency(currency)?.exponent,
    });
    const today = new Date().toISOString().slice(0, 10);

    for await (const event of events) {
      if (options.signal.aborted) throw new ImportCancelledError();
      switch (event.type) {
        case "scope":
          scopes.set(event.kind, event.mode);
          break;
        case "file":
          files.push(event.file);
          break;
        case "problems":
          await recordProblems(event.problems);
          break;
        case "reading":
          progress = { ...progress, file: event.file, bytesRead: 0, totalBytes: event.totalBytes };
          await report(true);
          break;
        default: {
          const kind = event.type;
          if (!scopes.has(kind)) throw new AppError("internal", `The reader sent ${kind} without declaring their scope`);
          await recordProblems(event.problems, kind);
          const rejectedIds = [...(event.rejectedIds ?? [])];
          if (event.progress) progress = { ...progress, file: event.progress.file, bytesRead: event.progress.bytesRead, totalBytes: event.progress.totalBytes };
          rowsProcessed += event.records.length + countRejectedRows(event.problems);
          if (fileErrors.length === 0) await stage(event, rates, today, rejectedIds);
          if (rejectedIds.length > 0) await staging.addRejected(kind, rejectedIds);
          await report();
        }
      }
    }

    if (fileErrors.length > 0) return await finish("failed", null, fileErrors.join("\n"));
    if (scopes.size === 0) return await finish(files.some((f) => f.status === "unchanged") ? "unchanged" : "succeeded", null, null);

    progress = { ...progress, phase: "applying", file: null };
    await report(true);
    await staging.finish();
    await warnAboutMissingRates();
    await dropSupersededRows(client);
    if (scopes.has("accounts") || scopes.has("deals")) await mergeStagedAccounts(client);
    await guardAgainstEmptySnapshot();
    await warnAboutReferences();
    await problems.flush();

    const holdReasons = await checkReviewRules(client, { sourceId, scopes, rejectedRows: rejected.deals + rejected.accounts + rejected.contacts, rowsRead: rowsProcessed });
    if (holdReasons.length > 0) return await finish("held", { deals: await holdStagedImport(client, { runId, sourceId, scopes, rejected, reasons: holdReasons }) }, null);

    await client.query("begin");
    try {
      // Trigram (GIN) indexes on names take each new row through the fast-update pending list
      // instead of the main index; autovacuum merges it later. Much cheaper per inserted deal.
      await client.query("set local gin_pending_list_limit = '64MB'");
      const applied: Partial<Record<RecordKind, KindCounts>> = {};
      // Accounts first: deals and contacts link to them.
      if (scopes.has("accounts")) applied.accounts = await applyAccounts(client, sourceId, runId, scopes.get("accounts")!);
      if (scopes.has("deals")) applied.deals = await applyDeals(client, sourceId, runId, scopes.get("deals")!);
      if (scopes.has("contacts")) applied.contacts = await applyContacts(client, sourceId, runId, scopes.get("contacts")!);
      if (scopes.has("deals")) await linkImportedDeals(client, sourceId, runId);
      // Cancelled while applying: roll back rather than finish a run the user asked to stop.
      const cancel = await client.query(`select "cancelRequested" from "ImportRun" where id = $1`, [runId]);
      if (cancel.rows[0]?.cancelRequested || options.signal.aborted) throw new ImportCancelledError();
      await options.reader.onApply?.(client);
      const outcome = await finish("succeeded", applied, null, true);
      await client.query("commit");
      return outcome;
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    }
  } catch (error) {
    if (error instanceof ImportCancelledError || options.signal.aborted) return await finish("cancelled", null, "Cancelled before it finished; nothing was changed");
    const message = describeFailure(error, progress.file);
    if (!(error instanceof AppError)) console.error(`[dealport] import ${runId} failed:`, error);
    return await finish("failed", null, message);
  } finally {
    await staging?.drop().catch(() => {});
  }

  async function recordProblems(list: readonly RunProblem[], kind?: RecordKind) {
    for (const problem of list) if (problem.severity === "error" && problem.line === null) fileErrors.push(problem.message);
    if (kind) rejected[kind] += countRejectedRows(list);
    await problems.add(list);
  }

  async function stage(event: Extract<ImportEvent, { records: unknown[] }>, rates: RateTable, today: string, rejectedIds: string[]) {
    if (event.type === "accounts") return staging!.addAccounts(event.records);
    if (event.type === "contacts") return staging!.addContacts(event.records);
    const rows: StagedDeal[] = [];
    const rateProblems: RunProblem[] = [];
    for (const deal of event.records) {
      let amountBaseMinor: bigint | null = null;
      if (deal.amountMinor !== null && deal.currency !== null) {
        // The rate in force on the close date (the latest one for open deals closing later); no close date: today's.
        const converted = rates.convert(deal.amountMinor, deal.currency, deal.closeDate ?? today);
        if (converted.ok) amountBaseMinor = converted.baseMinor;
        else if (options.reader.missingRate === "reject") {
          rateProblems.push({
            severity: "error",
            file: deal.file,
            line: deal.line,
            column: "currency",
            code: "missing_rate",
            message: `currency ${deal.currency} cannot be converted to ${rates.baseCurrency}: ${converted.message}; add the rate in Settings → Currency`,
            excerpt: null,
          });
          rejectedIds.push(deal.externalId);
          continue;
        } else {
          const seen = missingRates.get(deal.currency);
          if (seen) seen.count++;
          else missingRates.set(deal.currency, { count: 1, file: deal.file, line: deal.line, message: converted.message });
        }
      }
      rows.push({ deal, amountBaseMinor });
    }
    if (rateProblems.length > 0) await recordProblems(rateProblems, "deals");
    return staging!.addDeals(rows);
  }

  async function warnAboutMissingRates() {
    const warnings: RunProblem[] = [...missingRates].map(([currency, seen]) => ({
      severity: "warning",
      file: seen.file,
      line: seen.line,
      column: "currency",
      code: "missing_rate",
      message: `${seen.count} deal${seen.count === 1 ? "" : "s"} in ${currency} have no base-currency amount: ${seen.message} (first on line ${seen.line}); add the rate in Settings → Currency`,
      excerpt: null,
    }));
    await problems.add(warnings);
  }

  /** A deals file with a header and no rows would mark every deal removed: refuse that. */
  async function guardAgainstEmptySnapshot() {
    if (scopes.get("deals") !== "snapshot" || staging!.staged.deals > 0 || rejected.deals > 0) return;
    const live = await getDb().deal.count({ where: { sourceId, removedAt: null } });
    if (live > 0) {
      throw new AppError(
        "bad_request",
        `The new snapshot has no deals at all, which would mark all ${live} current deals removed; nothing was changed. If the source really is empty now, remove its deals another way.`,
      );
    }
  }

  async function warnAboutReferences() {
    const warnings: RunProblem[] = [];
    if (scopes.has("accounts")) {
      const orphans = await client.query(
        `select distinct on (d.account_external_id) d.account_external_id as id, d.file, d.line from import_deal d
         where d.account_external_id is not null and not exists (select 1 from import_account_merged m where m.external_id = d.account_external_id)
         order by d.account_external_id, d.seq limit ${REFERENCE_WARNINGS_LIMIT}`,
      );
      for (const r of orphans.rows) {
        warnings.push({
          severity: "warning",
          file: r.file,
          line: r.line,
          column: "account_unique_id",
          code: "account_without_name",
          message: `Account "${r.id}" is not in accounts.csv and no deal row gives its account_name, so it was not created; the deal is imported without an account`,
          excerpt: null,
        });
      }
    }
    if (scopes.has("contacts")) {
      const accountsKnown = scopes.has("accounts")
        ? `exists (select 1 from import_account_merged m where m.external_id = c.account_external_id)`
        : `exists (select 1 from "Account" a where a."sourceId" = $1 and a."externalId" = c.account_external_id and a."removedAt" is null)`;
      const contactsKnown =
        scopes.get("contacts") === "snapshot"
          ? `exists (select 1 from import_contact m where m.external_id = c.reports_to_external_id)`
          : `exists (select 1 from import_contact m where m.external_id = c.reports_to_external_id) or exists (select 1 from "Contact" m where m."sourceId" = $1 and m."externalId" = c.reports_to_external_id)`;
      const unknown = await client.query(
        `select c.external_id as id, c.account_external_id as account, c.reports_to_external_id as reports_to, c.file, c.line,
           not (c.account_external_id is null or ${accountsKnown}) as no_account,
           not (c.reports_to_external_id is null or ${contactsKnown}) as no_manager
         from import_contact c
         where not (c.account_external_id is null or ${accountsKnown}) or not (c.reports_to_external_id is null or ${contactsKnown})
         order by c.seq limit ${REFERENCE_WARNINGS_LIMIT}`,
        scopes.has("accounts") && scopes.get("contacts") === "snapshot" ? [] : [sourceId],
      );
      for (const r of unknown.rows) {
        if (r.no_account) {
          warnings.push({
            severity: "warning",
            file: r.file,
            line: r.line,
            column: "account_unique_id",
            code: "missing_reference",
            message: `Contact "${r.id}" belongs to account "${r.account}", which is not in this import; the contact is imported without an account`,
            excerpt: null,
          });
        }
        if (r.no_manager) {
          warnings.push({
            severity: "warning",
            file: r.file,
            line: r.line,
            column: "reports_to_id",
            code: "missing_reference",
            message: `Contact "${r.id}" reports to "${r.reports_to}", which is not a known contact; the link is left empty`,
            excerpt: null,
          });
        }
      }
    }
    await problems.add(warnings);
  }

  async function finish(status: ImportOutcome["status"], applied: Partial<Record<RecordKind, KindCounts>> | null, error: string | null, inTransaction = false): Promise<ImportOutcome> {
    if (!inTransaction) await problems.flush().catch(() => {});
    const deals = applied?.deals;
    const counts: ImportCounts = {
      new: deals?.new ?? 0,
      changed: deals?.changed ?? 0,
      // Deals skipped as unchanged (same ETag) are all still there, unchanged.
      unchanged: deals?.unchanged ?? (status !== "failed" && status !== "cancelled" && !scopes.has("deals") ? await getDb().deal.count({ where: { sourceId, removedAt: null } }) : 0),
      removed: deals?.removed ?? 0,
      rejected: rejected.deals,
      ...(applied?.accounts ? { accounts: { ...applied.accounts, rejected: rejected.accounts } } : {}),
      ...(applied?.contacts ? { contacts: { ...applied.contacts, rejected: rejected.contacts } } : {}),
      rows: rowsProcessed,
      problems: { ...problems.counts },
      ...(Object.keys(problems.notStored).length > 0 ? { problemsNotStored: { ...problems.notStored } } : {}),
    };
    progress = { ...progress, phase: "done", rowsProcessed, updatedAt: new Date().toISOString() };
    options.onProgress?.(progress);
    await client.query(
      `update "ImportRun" set status = $2, counts = $3, files = $4, progress = $5, error = $6, "finishedAt" = now() where id = $1`,
      [runId, status, counts, JSON.stringify(files), progress, error],
    );
    return { runId, status, counts, files, error };
  }
}

function countRejectedRows(list: readonly RunProblem[]): number {
  const lines = new Set<string>();
  for (const problem of list) if (problem.severity === "error" && problem.line !== null) lines.add(`${problem.file}:${problem.line}`);
  return lines.size;
}

/** Files of the last run that left the source's data consistent with them. */
async function loadPreviousFiles(sourceId: string): Promise<FileRead[]> {
  const last = await getDb().importRun.findFirst({
    where: { sourceId, status: { in: ["succeeded", "unchanged"] } },
    orderBy: { startedAt: "desc" },
    select: { files: true },
  });
  return Array.isArray(last?.files) ? (last.files as unknown as FileRead[]) : [];
}

function describeFailure(error: unknown, file: string | null): string {
  if (error instanceof AppError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return file ? `Reading ${file} failed: ${message}. Nothing was changed; run the import again.` : `The import failed: ${message}. Nothing was changed.`;
}
