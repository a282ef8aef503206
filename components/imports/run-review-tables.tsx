import type { FieldChange } from "@/lib/imports/canonical";
import type { RunChangeView } from "@/lib/imports/list-run-changes";
import type { RunProblemView } from "@/lib/imports/list-run-problems";

const FIELD_LABELS: Record<string, string> = { amountMinor: "amount (minor units)", closeDate: "close date", accountExternalId: "account" };
const label = (field: string) => FIELD_LABELS[field] ?? field.replace(/^properties\./, "");
const show = (value: unknown) => (value === null || value === undefined ? "∅" : typeof value === "string" ? value : JSON.stringify(value));

function money(minor: bigint | null, currency: string | null) {
  return minor === null ? "—" : `${minor.toString()} ${currency ?? ""}`;
}

function FieldChanges({ fields }: { fields: FieldChange[] }) {
  return (
    <ul className="space-y-0.5">
      {fields.map((f) => (
        <li key={f.field} data-testid="changed-field">
          <span className="font-medium">{label(f.field)}</span>:{" "}
          <del className="bg-red-50 text-red-800">{show(f.before)}</del> → <mark className="bg-amber-100 text-slate-900">{show(f.after)}</mark>
        </li>
      ))}
    </ul>
  );
}

export function ChangesTable({ changes, total }: { changes: RunChangeView[]; total: number }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="w-full text-sm">
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr><th className="px-3 py-2">Change</th><th className="px-3 py-2">Deal</th><th className="px-3 py-2">Stage</th><th className="px-3 py-2">Amount</th><th className="px-3 py-2">What changed</th></tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={`${c.kind}-${c.deal.externalId}`} className="border-t border-slate-100 align-top" data-testid={`change-${c.kind}`}>
              <td className="px-3 py-2">{c.restored ? "back" : c.kind}</td>
              <td className="px-3 py-2"><div>{c.deal.name}</div><div className="font-mono text-xs text-slate-500">{c.deal.externalId}</div></td>
              <td className="px-3 py-2">{c.deal.stage ?? "—"}</td>
              <td className="px-3 py-2 tabular-nums">{money(c.deal.amountMinor, c.deal.currency)}</td>
              <td className="px-3 py-2">{c.kind === "changed" || c.restored ? <FieldChanges fields={c.fields} /> : c.kind === "new" ? "new in this snapshot" : "not in this snapshot (kept, marked removed)"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > changes.length ? <p className="border-t border-slate-100 px-3 py-2 text-xs text-slate-600">Showing {changes.length} of {total}; filter to narrow down, or use GET /api/v1/imports/…/changes.</p> : null}
    </div>
  );
}

const SEVERITY: Record<string, string> = { error: "text-red-700", warning: "text-amber-700", info: "text-slate-600" };

export function ProblemsTable({ problems, total }: { problems: RunProblemView[]; total: number }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="w-full text-sm">
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr><th className="px-3 py-2">Severity</th><th className="px-3 py-2">File</th><th className="px-3 py-2">Line</th><th className="px-3 py-2">Column</th><th className="px-3 py-2">Problem</th></tr>
        </thead>
        <tbody>
          {problems.map((p) => (
            <tr key={p.id} className="border-t border-slate-100 align-top" data-testid="problem">
              <td className={`px-3 py-2 ${SEVERITY[p.severity] ?? ""}`}>{p.severity === "error" && p.line !== null ? "row rejected" : p.severity === "error" ? "file rejected" : p.severity}</td>
              <td className="px-3 py-2 font-mono text-xs">{p.file}</td>
              <td className="px-3 py-2 tabular-nums" data-testid="problem-line">{p.line ?? "—"}</td>
              <td className="px-3 py-2 font-mono text-xs">{p.column ?? "—"}</td>
              <td className="px-3 py-2">
                <div>{p.message}</div>
                {p.excerpt ? <div className="mt-1 max-w-xl truncate font-mono text-xs text-slate-500" title={p.excerpt}>{p.excerpt}</div> : null}
                <div className="text-xs text-slate-400">{p.code}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > problems.length ? <p className="border-t border-slate-100 px-3 py-2 text-xs text-slate-600">Showing {problems.length} of {total}; download the CSV for all of them.</p> : null}
    </div>
  );
}
