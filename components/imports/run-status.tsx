import type { ImportRunView } from "@/lib/imports/list-import-runs";

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 100) / 10;
  return s < 90 ? `${s} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return "—";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

/** "12,345 rows · 40,000 rows/s · 37% of deals.csv" while running. */
export function ProgressLine({ run }: { run: ImportRunView }) {
  const p = run.progress;
  if (run.status !== "running") return null;
  const percent = p.totalBytes && p.bytesRead ? ` · ${Math.min(100, Math.round((100 * p.bytesRead) / p.totalBytes))}% of ${p.file}` : p.file ? ` · ${p.file}` : "";
  return (
    <span className="text-xs text-sky-800" data-testid="run-progress">
      {p.phase === "applying" ? "applying · " : ""}
      {(p.rowsProcessed ?? 0).toLocaleString("en")} rows · {(p.rowsPerSecond ?? 0).toLocaleString("en")} rows/s{percent}
      {run.cancelRequested ? " · cancelling" : ""}
    </span>
  );
}

export function CountsLine({ run }: { run: ImportRunView }) {
  const c = run.counts;
  if (c.new === undefined) return <span className="text-slate-400">—</span>;
  return (
    <span className="whitespace-nowrap tabular-nums">
      <span title="new">+{c.new}</span> · <span title="changed">~{c.changed}</span> · <span title="unchanged">={c.unchanged}</span> ·{" "}
      <span title="removed">−{c.removed}</span> · <span title="rejected" className={c.rejected ? "text-red-700" : ""}>✕{c.rejected}</span>
    </span>
  );
}
