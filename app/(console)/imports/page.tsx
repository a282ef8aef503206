import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/app/_lib/guard";
import { CancelImportForm, RunImportForm } from "@/components/imports/import-forms";
import { RefreshWhileRunning } from "@/components/shell/refresh-while-running";
import { CountsLine, formatBytes, formatDuration, ProgressLine } from "@/components/imports/run-status";
import { StatusBadge } from "@/components/status-badge";
import { getHeldStagingSpace } from "@/lib/imports/held-staging-space";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { canAdminister, canImport } from "@/lib/auth/permissions";
import { listImportRuns } from "@/lib/imports/list-import-runs";
import { listImportChart } from "@/lib/imports/list-import-chart";
import { ImportRunsChart } from "@/components/imports/import-runs-chart";
import { listSourcesNeedingAttention, type SourceAttention } from "@/lib/imports/list-sources-needing-attention";
import { listSources } from "@/lib/sources/list-sources";
import { cancelImportAction, startImportAction } from "./actions";
import { formatUtc } from "@/lib/format-utc";
import { importFormatName } from "@/lib/sources/schemas";
import { SimpleTable } from "@/components/simple-table";

export const metadata: Metadata = { title: "Imports" };


export default async function ImportsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePageActor("signedIn", "/imports");
  const held = (await searchParams).status === "held";
  const [runs, sources, space, attention, chart] = await Promise.all([
    listImportRuns({ limit: 50, ...(held ? { status: "held" } : {}) }),
    listSources(),
    getHeldStagingSpace(),
    listSourcesNeedingAttention(),
    listImportChart(),
  ]);
  const running = runs.some((r) => r.status === "running");
  return (
    <>
      <PageHeader title="Imports" description="Every import from S3 files and CRM pulls, with what it changed and rejected. Counts: +new · ~changed · =unchanged · −removed · ✕rejected." />
      <RefreshWhileRunning active={running} />

      <section aria-labelledby="sources-heading" className="mb-8">
        <h2 id="sources-heading" className="mb-3 font-semibold">Sources</h2>
        {sources.length === 0 ? (
          <EmptyState title="No sources yet">
            {canAdminister(actor) ? (
              <p>Add one in <Link className="text-indigo-700 underline" href="/settings/sources">Settings → Sources</Link>, then run an import from here, with <code>npx dealport import</code> or <code>POST /api/v1/imports</code>.</p>
            ) : (
              <p>An admin adds sources in Settings → Sources; imports then show up here.</p>
            )}
          </EmptyState>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {sources.map((s) => (
              <li key={s.id} className="rounded-xl border border-slate-200 bg-white p-4" data-testid="source">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="font-medium">{s.name}</h3>
                  <span className="text-xs text-slate-500">{s.format ? importFormatName(s.format) : s.kindLabel}{s.scheduleMinutes ? ` · every ${s.scheduleMinutes} min` : ""}</span>
                </div>
                <p className="mb-3 mt-1 truncate font-mono text-xs text-slate-600">{s.location}</p>
                <SourceAttentionNote problem={attention.get(s.id)} />
                {canImport(actor) ? <RunImportForm action={startImportAction} sourceId={s.id} sourceName={s.name} readsFiles={s.format !== null} /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <ImportRunsChart sources={chart} />

      <section aria-labelledby="runs-heading">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-3">
          <h2 id="runs-heading" className="font-semibold">Runs</h2>
          <nav aria-label="Run filter" className="flex gap-1 text-sm">
            <Link href="/imports" aria-current={held ? undefined : "page"} className={`rounded-md px-3 py-1.5 ${held ? "text-slate-600 hover:bg-slate-100" : "bg-indigo-50 text-indigo-700"}`}>All runs</Link>
            <Link href="/imports?status=held" aria-current={held ? "page" : undefined} className={`rounded-md px-3 py-1.5 ${held ? "bg-indigo-50 text-indigo-700" : "text-slate-600 hover:bg-slate-100"}`}>
              Needs review ({space.heldRuns})
            </Link>
          </nav>
          <p className="w-full text-xs text-slate-500" data-testid="staging-space">
            Held runs keep their staged data until approved, discarded or expired: {formatBytes(space.usedBytes)} of {formatBytes(space.limitBytes)} used.
          </p>
        </div>
        {runs.length === 0 ? (
          held ? (
            <EmptyState title="Nothing needs review">Runs that trip a source&apos;s review rules (Settings → Sources) wait here for approval.</EmptyState>
          ) : (
            <EmptyState title="No imports yet">Run an import of a source above; each run appears here with what it changed.</EmptyState>
          )
        ) : (
          <SimpleTable
            rows={runs}
            rowKey={(r) => r.id}
            rowTestId="import-run"
            columns={[
              { header: "Run", className: "whitespace-nowrap", cell: (r) => <Link className="text-indigo-700 underline" href={`/imports/${r.id}`}>#{r.number}</Link> },
              { header: "Started", className: "whitespace-nowrap", cell: (r) => formatUtc(r.startedAt, "second") },
              { header: "Source", cell: (r) => r.source.name },
              {
                header: "Status",
                cell: (r) => (
                  <>
                    <StatusBadge status={r.status} testId="run-status" />
                    <div><ProgressLine run={r} /></div>
                    {r.error ? <p className="mt-1 max-w-xs text-xs text-red-700">{r.error}</p> : null}
                    {r.rollbackOf ? <p className="mt-1 text-xs text-slate-600">rollback of #{r.rollbackOf.number}</p> : null}
                    {r.rolledBackBy ? <p className="mt-1 text-xs text-amber-800">rolled back by #{r.rolledBackBy.number}</p> : null}
                    {r.hold && r.status === "held" ? <p className="mt-1 max-w-xs text-xs text-amber-900">{r.hold.reasons.map((h) => h.message).join("; ")}</p> : null}
                  </>
                ),
              },
              { header: "Trigger", cell: (r) => r.trigger },
              // Without a person (a CLI run, the scheduler) the Trigger column already says how it started.
              { header: "Who", cell: (r) => r.startedBy?.email ?? (r.trigger === "schedule" ? "scheduler" : "—") },
              { header: "Duration", className: "whitespace-nowrap", cell: (r) => formatDuration(r.durationMs) },
              { header: "Counts", cell: (r) => <CountsLine run={r} /> },
              { header: "Actions", srOnly: true, cell: (r) => (r.status === "running" && canImport(actor) ? <CancelImportForm action={cancelImportAction} runId={r.id} /> : null) },
            ]}
          />
        )}
      </section>
    </>
  );
}

function SourceAttentionNote({ problem }: { problem: SourceAttention | undefined }) {
  if (!problem) return null;
  return (
    <div role="status" data-testid="source-attention" className="mb-3 rounded-md border border-red-200 bg-red-50 p-2 text-xs text-red-900">
      <p className="font-semibold">Needs attention: the last import failed ({formatUtc(problem.at, "second")})</p>
      <p className="mt-1">{problem.error}</p>
      <Link className="text-indigo-700 underline" href={`/imports/${problem.runId}`}>See the run</Link>
    </div>
  );
}
