// Pushes page: per destination, deals sent, failed and uncertain in its last runs over time.
import { StackedColumns, type ColumnSeries } from "@/components/charts/stacked-columns";
import type { PushChartDestination, PushChartRun } from "@/lib/sync/list-push-chart";

type Key = "sent" | "failed" | "uncertain";

const SERIES: ColumnSeries<Key>[] = [
  { key: "sent", label: "Sent", fillClass: "fill-emerald-500", swatchClass: "bg-emerald-500" },
  { key: "failed", label: "Failed", fillClass: "fill-red-500", swatchClass: "bg-red-500", pattern: "hatch" },
  { key: "uncertain", label: "Uncertain", fillClass: "fill-amber-400", swatchClass: "bg-amber-400", pattern: "dots" },
];

const when = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");
const describe = (run: PushChartRun) => `${when(run.createdAt)} UTC (${run.status}): ${run.sent} sent, ${run.failed} failed, ${run.uncertain} uncertain`;

export function PushRunsChart({ destinations }: { destinations: PushChartDestination[] }) {
  if (!destinations.length) return null;
  return (
    <section aria-labelledby="push-chart-heading" className="mb-8">
      <h2 id="push-chart-heading" className="mb-3 font-semibold">Sent, failed and uncertain per run</h2>
      <div className="grid gap-3 lg:grid-cols-2">
        {destinations.map(({ destination, runs }) => (
          <div key={destination.id} className="rounded-xl border border-slate-200 bg-white p-4" data-testid="push-chart">
            <h3 className="mb-2 text-sm font-medium">{destination.name}</h3>
            <StackedColumns
              id={`push-chart-${destination.id}`}
              title={`Deals sent, failed and uncertain in the last ${runs.length} pushes to ${destination.name}`}
              description={runs.map(describe).join(". ")}
              series={SERIES}
              legendMarks={[]}
              columns={runs.map((run) => ({ key: run.id, label: run.createdAt.toISOString().slice(5, 10), title: describe(run), href: `/pushes/${run.id}`, values: run, marks: [] }))}
            />
          </div>
        ))}
      </div>
    </section>
  );
}
