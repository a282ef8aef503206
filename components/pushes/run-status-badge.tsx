const COLORS: Record<string, string> = {
  succeeded: "bg-emerald-100 text-emerald-800",
  sent: "bg-emerald-100 text-emerald-800",
  partial: "bg-amber-100 text-amber-800",
  uncertain: "bg-amber-100 text-amber-800",
  failed: "bg-red-100 text-red-800",
  blocked: "bg-red-100 text-red-800",
  running: "bg-indigo-100 text-indigo-800",
  sending: "bg-indigo-100 text-indigo-800",
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${COLORS[status] ?? "bg-slate-100 text-slate-700"}`}>{status}</span>;
}
