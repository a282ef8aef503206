import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/app/_lib/guard";
import { StatusBadge } from "@/components/status-badge";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { listSyncRuns } from "@/lib/sync/list-sync-runs";
import { listPushChart } from "@/lib/sync/list-push-chart";
import { PushRunsChart } from "@/components/pushes/push-runs-chart";
import type { RunCounts } from "@/lib/sync/refresh-runs";
import { formatUtc } from "@/lib/format-utc";
import { SimpleTable } from "@/components/simple-table";
import { formatDuration } from "@/components/imports/run-status";

export const metadata: Metadata = { title: "Pushes" };

const duration = (from: Date | null, to: Date | null) => formatDuration(from && to ? Math.max(0, to.getTime() - from.getTime()) : null);

export default async function PushesPage() {
  await requirePageActor("signedIn", "/pushes");
  const [runs, chart] = await Promise.all([listSyncRuns({ limit: 100 }), listPushChart()]);
  return (
    <>
      <PageHeader title="Pushes" description="Runs that sent deals to a destination." />
      {runs.length === 0 ? (
        <EmptyState title="No pushes yet">
          <p>Select deals on the Deals page and preview a push.</p>
        </EmptyState>
      ) : (
        <>
          <PushRunsChart destinations={chart} />
          <SimpleTable
            rows={runs}
            rowKey={(run) => run.id}
            rowTestId="sync-run"
            columns={[
              { header: "Started", cell: (run) => <Link href={`/pushes/${run.id}`} className="text-indigo-700 underline">{formatUtc(run.createdAt)}</Link> },
              { header: "Destination", cell: (run) => `${run.destination.name}${run.dryRun ? " (dry run)" : ""}` },
              { header: "Status", cell: (run) => <><StatusBadge status={run.status} />{run.error ? <p className="mt-1 max-w-xs text-xs text-red-700">{run.error}</p> : null}</> },
              {
                header: "Sent / updated / skipped / failed / uncertain",
                className: "tabular-nums",
                cell: (run) => {
                  const c = run.counts as Partial<RunCounts>;
                  return `${c.sent ?? 0} / ${c.updated ?? 0} / ${c.skipped ?? 0} / ${c.failed ?? 0} / ${c.uncertain ?? 0} of ${c.total ?? 0}`;
                },
              },
              { header: "By", cell: (run) => run.startedBy ?? "—" },
              { header: "Duration", cell: (run) => duration(run.startedAt ?? run.createdAt, run.finishedAt) },
            ]}
          />
        </>
      )}
    </>
  );
}
