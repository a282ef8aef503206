import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/app/_lib/guard";
import { orNotFound } from "@/app/_lib/or-not-found";
import { CancelImportForm } from "@/components/imports/import-forms";
import { RefreshWhileRunning } from "@/components/shell/refresh-while-running";
import { ChangesTable, ProblemsTable } from "@/components/imports/run-review-tables";
import { formatBytes, formatDuration, ProgressLine } from "@/components/imports/run-status";
import { StatusBadge } from "@/components/status-badge";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { BackToList } from "@/components/shell/back-to-list";
import { canImport } from "@/lib/auth/permissions";
import { describeProblemsNotStored } from "@/lib/imports/import-problem-writer";
import { getImportRun } from "@/lib/imports/list-import-runs";
import { listRunChanges, listRunChangesSchema } from "@/lib/imports/list-run-changes";
import { listRunLinks } from "@/lib/imports/list-run-links";
import { listRunProblems } from "@/lib/imports/list-run-problems";
import { ReviewDecisionForms, RollbackForms } from "@/components/imports/review-forms";
import { approveImportAction, cancelImportAction, discardImportAction, rediffImportAction, rollbackImportAction, decideLinkSuggestionAction } from "../actions";
import { RunLinksSection } from "@/components/imports/run-links-section";
import { formatUtc } from "@/lib/format-utc";
import { SimpleTable } from "@/components/simple-table";

export const metadata: Metadata = { title: "Import run" };

const KINDS = [
  { kind: undefined, label: "All changes" },
  { kind: "new", label: "New" },
  { kind: "changed", label: "Changed" },
  { kind: "removed", label: "Removed" },
] as const;

export default async function ImportRunPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { id } = await params;
  const actor = await requirePageActor("signedIn", `/imports/${id}`);
  const query = await searchParams;
  const filter = listRunChangesSchema.safeParse({ kind: query.kind || undefined, q: query.q, limit: 500 });
  const run = await orNotFound(getImportRun(id));
  const [changes, problems, links] = await Promise.all([
    listRunChanges(id, filter.success ? filter.data : { limit: 500 }),
    listRunProblems(id, { limit: 1000 }),
    listRunLinks(id),
  ]);
  const c = run.counts;
  const notStoredNote = describeProblemsNotStored(c.problemsNotStored);
  const notStored = Object.values(c.problemsNotStored ?? {}).reduce((sum, n) => sum + n, 0);
  const total = (kind: string) => changes.byKind[kind] ?? 0;

  return (
    <>
      <BackToList listPath="/imports" label="Back to imports" />
      <PageHeader
        title={run.rollbackOf ? `Run #${run.number}: rollback of #${run.rollbackOf.number} (${run.source.name})` : `Run #${run.number}: import of ${run.source.name}`}
        description={`Started ${formatUtc(run.startedAt, "second")} ${run.startedBy ? `by ${run.startedBy.email} (${run.trigger})` : `via ${run.trigger}`} · ${formatDuration(run.durationMs)}`}
        actions={run.status === "running" && canImport(actor) ? <CancelImportForm action={cancelImportAction} runId={run.id} /> : null}
      />
      <RefreshWhileRunning active={run.status === "running"} />

      <section aria-label="Summary" className="mb-6 rounded-xl border border-slate-200 bg-white p-5">
        <div className="flex flex-wrap items-center gap-3">
          <StatusBadge status={run.status} testId="run-status" />
          <ProgressLine run={run} />
        </div>
        {run.error ? <p role="alert" className="mt-3 whitespace-pre-line text-sm text-red-700">{run.error}</p> : null}
        {run.rollbackOf ? (
          <p className="mt-3 text-sm">Rolls back <Link className="text-indigo-700 underline" href={`/imports/${run.rollbackOf.id}`}>run #{run.rollbackOf.number}</Link>; rolling this back redoes it.</p>
        ) : null}
        {run.rolledBackBy ? (
          <p className="mt-3 text-sm text-amber-800" data-testid="rolled-back-by">Rolled back by <Link className="underline" href={`/imports/${run.rolledBackBy.id}`}>run #{run.rolledBackBy.number}</Link>.</p>
        ) : null}
        {c.new !== undefined ? (
          <dl className="mt-4 grid grid-cols-2 gap-3 text-sm sm:grid-cols-5" data-testid="run-counts">
            {(["new", "changed", "unchanged", "removed", "rejected"] as const).map((k) => (
              <div key={k} className="rounded-lg bg-slate-50 p-3">
                <dt className="text-xs uppercase tracking-wide text-slate-500">{k}</dt>
                <dd className="text-lg font-semibold tabular-nums" data-testid={`count-${k}`}>{c[k] ?? 0}</dd>
              </div>
            ))}
          </dl>
        ) : null}
        {c.accounts || c.contacts ? (
          <p className="mt-3 text-xs text-slate-600">
            {c.accounts ? `Accounts: ${c.accounts.new} new, ${c.accounts.changed} changed, ${c.accounts.unchanged} unchanged, ${c.accounts.removed} removed. ` : ""}
            {c.contacts ? `Contacts: ${c.contacts.new} new, ${c.contacts.changed} changed, ${c.contacts.unchanged} unchanged, ${c.contacts.removed} removed.` : ""}
          </p>
        ) : null}
      </section>

      {run.status === "held" && run.hold ? (
        <section aria-labelledby="review-heading" className="mb-6 rounded-xl border border-amber-300 bg-amber-50 p-5">
          <h2 id="review-heading" className="font-semibold text-amber-900">Held for review: nothing has been applied</h2>
          <ul className="my-2 list-disc pl-5 text-sm text-amber-900" data-testid="hold-reasons">
            {run.hold.reasons.map((r) => <li key={r.rule}>{r.message}</li>)}
          </ul>
          <p className="mb-4 text-xs text-amber-900">
            Diffed against the live data at {run.hold.heldAt ? formatUtc(run.hold.heldAt) : "—"} · expires {run.hold.expiresAt ? formatUtc(run.hold.expiresAt) : "—"} · staging {formatBytes(run.hold.stagedBytes)}.
            Approving applies exactly the changes below; it is refused if anything else was applied to this source since (re-diff, then review again).
          </p>
          {canImport(actor) ? (
            <ReviewDecisionForms runId={run.id} approve={approveImportAction} discard={discardImportAction} rediff={rediffImportAction} />
          ) : (
            <p className="text-sm text-amber-900">An operator or an admin approves or discards it; until then the deals stay as they were.</p>
          )}
        </section>
      ) : null}

      {run.status === "succeeded" && !run.rolledBackBy && canImport(actor) ? (
        <section aria-labelledby="rollback-heading" className="mb-6 rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="rollback-heading" className="mb-1 font-semibold">Roll back</h2>
          <p className="mb-3 text-xs text-slate-600">
            Deals, accounts and contacts this run created are marked removed, the ones it changed get their previous values back, the ones it removed come back. The rollback is a run of its own.
          </p>
          <RollbackForms runId={run.id} runNumber={run.number} action={rollbackImportAction} />
        </section>
      ) : null}

      <section aria-labelledby="files-heading" className="mb-6">
        <h2 id="files-heading" className="mb-2 font-semibold">Files read</h2>
        {run.files.length === 0 ? (
          <p className="text-sm text-slate-600">{run.status === "running" ? "Listing the source…" : "No files were read."}</p>
        ) : (
          <SimpleTable
            rows={run.files}
            rowKey={(f) => f.key}
            rowTestId="run-file"
            columns={[
              { header: "File", className: "font-mono text-xs", cell: (f) => <span title={f.key}>{f.name}</span> },
              { header: "Status", cell: (f) => <>{f.status}{f.reason ? <span className="block text-xs text-slate-500">{f.reason}</span> : null}</> },
              { header: "Rows", className: "tabular-nums", cell: (f) => f.rows ?? "—" },
              { header: "Size", className: "tabular-nums", cell: (f) => formatBytes(f.size) },
              { header: "ETag", className: "font-mono text-xs", cell: (f) => f.etag ?? "—" },
              { header: "Last modified", className: "text-xs", cell: (f) => (f.lastModified ? formatUtc(new Date(f.lastModified), "second") : "—") },
            ]}
          />
        )}
      </section>

      <section aria-labelledby="changes-heading" className="mb-6">
        <h2 id="changes-heading" className="mb-2 font-semibold">Deal changes</h2>
        <form className="mb-3 flex flex-wrap items-end gap-3 text-sm" method="get">
          <nav aria-label="Change kind" className="flex gap-1">
            {KINDS.map((k) => {
              const active = (query.kind || undefined) === k.kind;
              const href = `/imports/${run.id}?${new URLSearchParams({ ...(k.kind ? { kind: k.kind } : {}), ...(query.q ? { q: query.q } : {}) })}`;
              const n = k.kind ? total(k.kind) : total("new") + total("changed") + total("removed");
              return (
                <Link key={k.label} href={href} aria-current={active ? "page" : undefined} className={`rounded-md px-3 py-1.5 ${active ? "bg-indigo-50 text-indigo-700" : "text-slate-600 hover:bg-slate-100"}`}>
                  {k.label} ({n})
                </Link>
              );
            })}
          </nav>
          {query.kind ? <input type="hidden" name="kind" value={query.kind} /> : null}
          <label className="flex flex-col text-xs text-slate-600">
            Deal name or id
            <input name="q" defaultValue={query.q ?? ""} className="mt-1 rounded-md border border-slate-300 px-2 py-1 text-sm" />
          </label>
          <button className="rounded-md border border-slate-300 px-3 py-1.5">Filter</button>
        </form>
        {changes.changes.length === 0 ? (
          <EmptyState title={run.status === "running" ? "Still reading" : "No deal changes"}>
            {run.status === "running" ? "Changes appear once the run has applied its snapshot." : run.status === "failed" ? "The run failed, so nothing was changed; see the reason above and the problems below." : "Nothing new, changed or removed matches."}
          </EmptyState>
        ) : (
          <ChangesTable changes={changes.changes} total={changes.total} />
        )}
      </section>

      <RunLinksSection links={links} decideAction={decideLinkSuggestionAction} canDecide={canImport(actor)} />

      <section aria-labelledby="problems-heading">
        <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="problems-heading" className="font-semibold">Problems ({problems.total + notStored})</h2>
          {problems.total > 0 ? (
            <a className="text-sm text-indigo-700 underline" href={`/api/v1/imports/${run.id}/problems?format=csv`} download>Download problems CSV</a>
          ) : null}
        </div>
        {notStoredNote ? (
          <p role="note" className="mb-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {notStoredNote}
          </p>
        ) : null}
        {problems.total === 0 ? (
          <p className="text-sm text-slate-600">No problems: every row was read cleanly.</p>
        ) : (
          <ProblemsTable problems={problems.problems} total={problems.total} />
        )}
      </section>
    </>
  );
}
