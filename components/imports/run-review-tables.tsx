import Link from "next/link";
import type { FieldChange } from "@/lib/imports/canonical";
import type { RunChangeView } from "@/lib/imports/list-run-changes";
import type { RunProblemView } from "@/lib/imports/list-run-problems";
import { SimpleTable } from "@/components/simple-table";
import { StatusBadge } from "@/components/status-badge";
import { changeText } from "@/components/deals/deal-timeline";
import { displayMoney } from "@/lib/deals/deal-row-view";

const FIELD_LABELS: Record<string, string> = { amountMinor: "amount", closeDate: "close date", accountExternalId: "account" };
const label = (field: string) => FIELD_LABELS[field] ?? field.replace(/^properties\./, "");
/** Amounts as money in the deal's currency (they are stored in minor units); ∅ for no value. */
const show = (field: string, value: unknown, currency: string | null) => (value === null || value === undefined ? "∅" : changeText(field, value, currency));

function FieldChanges({ fields, currency }: { fields: FieldChange[]; currency: string | null }) {
  return (
    <ul className="space-y-0.5">
      {fields.map((f) => (
        <li key={f.field} data-testid="changed-field">
          <span className="font-medium">{label(f.field)}</span>:{" "}
          <del className="bg-red-50 text-red-800">{show(f.field, f.before, currency)}</del> → <mark className="bg-amber-100 text-slate-900">{show(f.field, f.after, currency)}</mark>
        </li>
      ))}
    </ul>
  );
}

export function ChangesTable({ changes, total }: { changes: RunChangeView[]; total: number }) {
  return (
    <SimpleTable
      rows={changes}
      rowKey={(c) => `${c.kind}-${c.deal.externalId}`}
      rowTestId={(c) => `change-${c.kind}`}
      columns={[
        { header: "Change", cell: (c) => <StatusBadge status={c.restored ? "back" : c.kind} /> },
        {
          header: "Deal",
          // A held run's new deals have no page yet.
          cell: (c) => (
            <>
              <div>{c.deal.id ? <Link href={`/deals/${c.deal.id}`} className="text-indigo-700 hover:underline">{c.deal.name}</Link> : c.deal.name}</div>
              <div className="font-mono text-xs text-slate-500">{c.deal.externalId}</div>
            </>
          ),
        },
        { header: "Stage", cell: (c) => c.deal.stage ?? "—" },
        { header: "Amount", className: "whitespace-nowrap tabular-nums", cell: (c) => displayMoney(c.deal.amountMinor, c.deal.currency) ?? "—" },
        {
          header: "What changed",
          cell: (c) => (c.kind === "changed" || c.restored ? <FieldChanges fields={c.fields} currency={c.deal.currency} /> : c.kind === "new" ? "new in this snapshot" : "not in this snapshot (kept, marked removed)"),
        },
      ]}
      footer={total > changes.length ? `Showing ${changes.length} of ${total}; filter to narrow down, or use GET /api/v1/imports/…/changes.` : null}
    />
  );
}

const SEVERITY: Record<string, string> = { error: "text-red-700", warning: "text-amber-700", info: "text-slate-600" };

export function ProblemsTable({ problems, total }: { problems: RunProblemView[]; total: number }) {
  return (
    <SimpleTable
      rows={problems}
      rowKey={(p) => p.id}
      rowTestId="problem"
      columns={[
        {
          header: "Severity",
          className: "whitespace-nowrap",
          cell: (p) => <span className={SEVERITY[p.severity] ?? ""}>{p.severity === "error" && p.line !== null ? "row rejected" : p.severity === "error" ? "file rejected" : p.severity}</span>,
        },
        { header: "File", className: "font-mono text-xs", cell: (p) => p.file },
        { header: "Line", className: "tabular-nums", cell: (p) => <span data-testid="problem-line">{p.line ?? "—"}</span> },
        { header: "Column", className: "font-mono text-xs", cell: (p) => p.column ?? "—" },
        {
          header: "Problem",
          cell: (p) => (
            <>
              <div>{p.message}</div>
              {p.excerpt ? <div className="mt-1 max-w-xl truncate font-mono text-xs text-slate-500" title={p.excerpt}>{p.excerpt}</div> : null}
              <div className="text-xs text-slate-400">{p.code}</div>
            </>
          ),
        },
      ]}
      footer={total > problems.length ? `Showing ${problems.length} of ${total}; download the CSV for all of them.` : null}
    />
  );
}
