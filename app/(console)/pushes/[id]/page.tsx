import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/app/_lib/guard";
import { orNotFound } from "@/app/_lib/or-not-found";
import { ActionForm, Field } from "@/components/forms/action-form";
import { RefreshWhileRunning } from "@/components/shell/refresh-while-running";
import { StatusBadge } from "@/components/status-badge";
import { PageHeader } from "@/components/shell/page-header";
import { BackToList } from "@/components/shell/back-to-list";
import { canPush } from "@/lib/auth/permissions";
import { getSyncRun } from "@/lib/sync/get-sync-run";
import type { RunCounts } from "@/lib/sync/refresh-runs";
import { controlRunAction, resolveUncertainAction, retryFailedAction } from "../actions";
import { formatUtc } from "@/lib/format-utc";
import { SimpleTable } from "@/components/simple-table";
import { itemActionLabel } from "@/components/pushes/item-action-label";

export const metadata: Metadata = { title: "Push run" };

const ACTIVE = new Set(["queued", "running"]);

export default async function SyncRunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor("signedIn", `/pushes/${id}`);
  const run = await orNotFound(getSyncRun(id, { limit: 1000 }));
  const c = run.counts as Partial<RunCounts>;
  const active = ACTIVE.has(run.status);
  const operator = canPush(actor);
  const done = (c.total ?? 0) - (c.pending ?? 0) - (c.sending ?? 0);
  return (
    <>
      <RefreshWhileRunning active={active} everyMs={1000} />
      <BackToList listPath="/pushes" label="Back to pushes" />
      <PageHeader
        title={`${run.dryRun ? "Dry run" : "Push"} to ${run.destination.name}`}
        description={`Started ${formatUtc(run.createdAt)}${run.startedBy ? ` by ${run.startedBy}` : ""} · ${run.selection.deals} deals`}
      />
      {run.error ? (
        <section role="alert" data-testid="run-blocked" className="mb-6 rounded-xl border border-red-300 bg-red-50 p-4 text-sm text-red-900">
          <h2 className="font-semibold">{run.status === "blocked" ? "This run is blocked: nothing can be sent until the cause is fixed" : "Why this run stopped"}</h2>
          <p className="mt-1">{run.error}</p>
          {run.status === "blocked" ? <p className="mt-1 text-red-800">Fix it, then press Retry below: the run starts again where it stopped.</p> : null}
        </section>
      ) : null}
      <section className="mb-6 rounded-xl border border-slate-200 bg-white p-4">
        <p className="flex flex-wrap items-center gap-3 text-sm" data-testid="run-summary">
          <StatusBadge status={run.status} testId="run-status" />
          <span>{done} of {c.total ?? 0} done</span>
          <span>sent {c.sent ?? 0} (created {c.created ?? 0}, updated {c.updated ?? 0}, found again {c.reconciled ?? 0})</span>
          <span>skipped {c.skipped ?? 0}</span>
          <span>failed {c.failed ?? 0}</span>
          <span>uncertain {c.uncertain ?? 0}</span>
        </p>
        <progress className="mt-3 w-full" max={c.total ?? 0} value={done} aria-label="Progress" />
        {operator && !run.dryRun ? (
          <div className="mt-4 flex flex-wrap gap-4">
            {(c.failed ?? 0) > 0 || run.status === "blocked" ? (
              <ActionForm action={retryFailedAction} submitLabel={run.status === "blocked" ? "Retry" : "Retry failed"}>
                <input type="hidden" name="runId" value={run.id} />
              </ActionForm>
            ) : null}
            {active || run.status === "paused" ? (
              <ActionForm action={controlRunAction} submitLabel={run.status === "paused" ? "Resume" : "Pause"}>
                <input type="hidden" name="runId" value={run.id} />
                <input type="hidden" name="command" value={run.status === "paused" ? "resume" : "pause"} />
              </ActionForm>
            ) : null}
            {active || run.status === "paused" || run.status === "blocked" ? (
              <ActionForm action={controlRunAction} submitLabel="Cancel" danger confirm="Skip every deal not sent yet?">
                <input type="hidden" name="runId" value={run.id} />
                <input type="hidden" name="command" value="cancel" />
              </ActionForm>
            ) : null}
          </div>
        ) : null}
      </section>
      <SimpleTable
        rows={run.items}
        rowKey={(item) => String(item.id)}
        rowTestId="sync-item"
        columns={[
          {
            header: "Deal",
            cell: (item) => (
              <>
                <Link href={`/deals/${item.deal.id}`} className="text-indigo-700 hover:underline">{item.deal.name}</Link> <span className="text-slate-500">({item.deal.externalId})</span>
              </>
            ),
          },
          {
            header: "State",
            className: "whitespace-nowrap",
            cell: (item) => <><StatusBadge status={item.state} />{item.action ? <span className="ml-1 text-xs text-slate-500">{itemActionLabel(item.action)}</span> : null}</>,
          },
          { header: "Attempts", className: "tabular-nums", cell: (item) => item.attempt },
          { header: "External id", className: "font-mono text-xs", cell: (item) => item.externalId ?? "—" },
          {
            header: "Message / request",
            cell: (item) => (
              <>
                {item.error ? <p className="text-red-700">{item.error}</p> : null}
                {item.payload ? (
                  <details>
                    <summary className="cursor-pointer text-xs text-indigo-700">Request{item.response ? " and answer" : ""}</summary>
                    <pre className="mt-1 max-w-xl overflow-x-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify({ request: item.payload, answer: item.response ?? undefined }, null, 2)}</pre>
                  </details>
                ) : null}
                {operator && item.state === "uncertain" ? (
                  <ActionForm action={resolveUncertainAction} submitLabel="Resolve">
                    <input type="hidden" name="runId" value={run.id} />
                    <input type="hidden" name="itemId" value={String(item.id)} />
                    <select name="outcome" aria-label="Outcome" className="rounded-md border border-slate-300 px-2 py-2 text-sm">
                      <option value="sent">It is there (give its id)</option>
                      <option value="failed">It is not there</option>
                    </select>
                    <Field name="externalId" label="External id" />
                  </ActionForm>
                ) : null}
              </>
            ),
          },
        ]}
      />
    </>
  );
}
