// One badge for every status word the app shows: import runs, push runs and items, and a
// deal's last import change. The colour says how it went, not which subsystem it came from.
const TONE = {
  done: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  attention: "bg-amber-50 text-amber-800 ring-amber-200",
  failed: "bg-red-50 text-red-700 ring-red-200",
  active: "bg-sky-50 text-sky-800 ring-sky-200",
  quiet: "bg-slate-50 text-slate-600 ring-slate-200",
};

const STATUS_TONE: Record<string, keyof typeof TONE> = {
  succeeded: "done",
  sent: "done",
  new: "done",
  back: "done",
  partial: "attention",
  uncertain: "attention",
  cancelled: "attention",
  held: "attention",
  changed: "attention",
  failed: "failed",
  blocked: "failed",
  removed: "failed",
  running: "active",
  sending: "active",
};

export function StatusBadge({ status, testId }: { status: string | null; testId?: string }) {
  if (!status) return <span className="text-slate-400">—</span>;
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONE[STATUS_TONE[status] ?? "quiet"]}`} data-testid={testId}>
      {status}
    </span>
  );
}
