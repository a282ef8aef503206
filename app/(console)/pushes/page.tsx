import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/app/_lib/guard";
import { StatusBadge } from "@/components/status-badge";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { listSyncRuns } from "@/lib/sync/list-sync-runs";
import type { RunCounts } from "@/lib/sync/refresh-runs";
import { formatUtc } from "@/lib/format-utc";

export const metadata: Metadata = { title: "Pushes" };

const duration = (from: Date | null, to: Date | null) => (from && to ? `${Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000))} s` : "—");

export default async function PushesPage() {
  await requirePageActor("signedIn", "/pushes");
  const runs = await listSyncRuns({ limit: 100 });
  return (
    <>
      <PageHeader title="Pushes" description="Runs that sent deals to a destination." />
      {runs.length === 0 ? (
        <EmptyState title="No pushes yet">
          <p>Select deals on the Deals page and preview a push.</p>
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs uppercase text-slate-600">
              <tr>
                <th className="px-3 py-2">Started</th>
                <th className="px-3 py-2">Destination</th>
                <th className="px-3 py-2">Status</th>
                <th className="px-3 py-2">Sent / updated / skipped / failed / uncertain</th>
                <th className="px-3 py-2">By</th>
                <th className="px-3 py-2">Duration</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => {
                const c = run.counts as Partial<RunCounts>;
                return (
                  <tr key={run.id} data-testid="sync-run" className="border-t border-slate-100">
                    <td className="px-3 py-2">
                      <Link href={`/pushes/${run.id}`} className="text-indigo-700 underline">{formatUtc(run.createdAt)}</Link>
                    </td>
                    <td className="px-3 py-2">{run.destination.name}{run.dryRun ? " (dry run)" : ""}</td>
                    <td className="px-3 py-2"><StatusBadge status={run.status} />{run.error ? <p className="mt-1 max-w-xs text-xs text-red-700">{run.error}</p> : null}</td>
                    <td className="px-3 py-2 tabular-nums">
                      {c.sent ?? 0} / {c.updated ?? 0} / {c.skipped ?? 0} / {c.failed ?? 0} / {c.uncertain ?? 0} of {c.total ?? 0}
                    </td>
                    <td className="px-3 py-2">{run.startedBy ?? "—"}</td>
                    <td className="px-3 py-2">{duration(run.startedAt ?? run.createdAt, run.finishedAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
