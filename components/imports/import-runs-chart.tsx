// Imports page: per source, what its last runs did to deals, held and rolled-back runs marked.
import { StackedColumns, type ColumnMark, type ColumnSeries } from "@/components/charts/stacked-columns";
import type { ImportChartRun, ImportChartSource } from "@/lib/imports/list-import-chart";

type Key = "new" | "changed" | "removed" | "rejected";

const SERIES: ColumnSeries<Key>[] = [
  { key: "new", label: "New", fillClass: "fill-emerald-500", swatchClass: "bg-emerald-500" },
  { key: "changed", label: "Changed", fillClass: "fill-amber-400", swatchClass: "bg-amber-400" },
  { key: "removed", label: "Removed", fillClass: "fill-red-500", swatchClass: "bg-red-500", pattern: "hatch" },
  { key: "rejected", label: "Rejected rows", fillClass: "fill-slate-500", swatchClass: "bg-slate-500", pattern: "dots" },
];

const HELD: ColumnMark = { letter: "H", label: "held for review" };
const ROLLED_BACK: ColumnMark = { letter: "R", label: "rolled back" };
const ROLLBACK: ColumnMark = { letter: "U", label: "a rollback (undo) run" };

function marks(run: ImportChartRun): ColumnMark[] {
  return [run.held ? HELD : null, run.rolledBack ? ROLLED_BACK : null, run.rollbackOfNumber !== null ? ROLLBACK : null].filter((m): m is ColumnMark => m !== null);
}

function describe(run: ImportChartRun) {
  const status = run.status === "succeeded" ? "" : ` (${run.status})`;
  const extra = [run.held ? "held for review" : null, run.rolledBack ? "rolled back" : null, run.rollbackOfNumber !== null ? `rollback of #${run.rollbackOfNumber}` : null].filter(Boolean);
  return `Run #${run.number}${status}, ${run.startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC: ${run.new} new, ${run.changed} changed, ${run.removed} removed, ${run.rejected} rejected${extra.length ? `; ${extra.join(", ")}` : ""}`;
}

export function ImportRunsChart({ sources }: { sources: ImportChartSource[] }) {
  if (!sources.length) return null;
  return (
    <section aria-labelledby="import-chart-heading" className="mb-8">
      <h2 id="import-chart-heading" className="mb-3 font-semibold">What the last runs did</h2>
      <div className="grid gap-3 lg:grid-cols-2">
        {sources.map(({ source, runs }) => (
          <div key={source.id} className="rounded-xl border border-slate-200 bg-white p-4" data-testid="import-chart">
            <h3 className="mb-2 text-sm font-medium">{source.name}</h3>
            <StackedColumns
              id={`import-chart-${source.id}`}
              title={`Deals new, changed, removed and rejected in the last ${runs.length} runs of ${source.name}`}
              description={runs.map(describe).join(". ")}
              series={SERIES}
              legendMarks={[HELD, ROLLED_BACK, ROLLBACK]}
              columns={runs.map((run) => ({ key: run.id, label: `#${run.number}`, title: describe(run), href: `/imports/${run.id}`, values: run, marks: marks(run) }))}
            />
          </div>
        ))}
      </div>
    </section>
  );
}
