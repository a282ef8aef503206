import type { Metadata } from "next";
import { requirePageActor } from "@/app/_lib/guard";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { fieldErrors } from "@/lib/errors";
import { auditFilterSchema, listAuditActions, listAuditEvents } from "@/lib/audit/list-audit-events";
import { formatUtc } from "@/lib/format-utc";
import { SimpleTable } from "@/components/simple-table";

export const metadata: Metadata = { title: "Audit" };

const PAGE_SIZE = 200;
type Search = Promise<Record<string, string | string[] | undefined>>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function AuditPage({ searchParams }: { searchParams: Search }) {
  await requirePageActor("admin", "/audit");
  const raw = await searchParams;
  const filter = { actor: first(raw.actor), action: first(raw.action), from: first(raw.from), to: first(raw.to) };
  const parsed = auditFilterSchema.safeParse({ ...filter, limit: PAGE_SIZE });
  const [events, actions] = await Promise.all([parsed.success ? listAuditEvents(parsed.data) : Promise.resolve([]), listAuditActions()]);
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v)).toString();
  const input = "mt-1 rounded-md border border-slate-300 px-3 py-2 text-sm";
  return (
    <>
      <PageHeader
        title="Audit"
        description="Every change made in Dealport: who, what, when. Append-only."
        actions={
          <a href={`/api/v1/audit/export${query ? `?${query}` : ""}`} className="rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-100" download>
            Export CSV
          </a>
        }
      />
      <form method="get" role="search" aria-label="Filter audit events" className="mb-6 flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4">
        <div>
          <label htmlFor="audit-actor" className="block text-sm font-medium text-slate-700">Actor e-mail</label>
          <input id="audit-actor" name="actor" defaultValue={filter.actor} maxLength={254} className={`${input} w-56`} aria-describedby="audit-actor-error" />
          <p id="audit-actor-error" aria-live="polite" className="text-xs text-red-700">{errors.actor ?? ""}</p>
        </div>
        <div>
          <label htmlFor="audit-action" className="block text-sm font-medium text-slate-700">Action</label>
          <input id="audit-action" name="action" list="audit-actions" defaultValue={filter.action} maxLength={100} className={`${input} w-56`} aria-describedby="audit-action-error" />
          <datalist id="audit-actions">{actions.map((a) => <option key={a} value={a} />)}</datalist>
          <p id="audit-action-error" aria-live="polite" className="text-xs text-red-700">{errors.action ?? ""}</p>
        </div>
        <div>
          <label htmlFor="audit-from" className="block text-sm font-medium text-slate-700">From (UTC)</label>
          <input id="audit-from" name="from" type="date" defaultValue={filter.from} className={input} aria-describedby="audit-from-error" />
          <p id="audit-from-error" aria-live="polite" className="text-xs text-red-700">{errors.from ?? ""}</p>
        </div>
        <div>
          <label htmlFor="audit-to" className="block text-sm font-medium text-slate-700">To (UTC)</label>
          <input id="audit-to" name="to" type="date" defaultValue={filter.to} className={input} aria-describedby="audit-to-error" />
          <p id="audit-to-error" aria-live="polite" className="text-xs text-red-700">{errors.to ?? ""}</p>
        </div>
        <button className="mb-4 rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700">Filter</button>
        {query ? <a href="/audit" className="mb-6 text-sm text-indigo-700 hover:underline">Clear</a> : null}
      </form>
      {events.length === 0 ? (
        <EmptyState title={query ? "No events match these filters" : "No events yet"}>
          {query ? "Widen the dates or clear the filters." : "Sign-ins, settings changes, imports and pushes are recorded here."}
        </EmptyState>
      ) : (
        <SimpleTable
          label="Audit events"
          rows={events}
          rowKey={(e) => e.id.toString()}
          columns={[
            { header: "When", className: "whitespace-nowrap font-mono text-xs", cell: (e) => formatUtc(e.at, "second") },
            { header: "Actor", cell: (e) => e.actorEmail ?? "system" },
            { header: "Action", className: "font-mono text-xs", cell: (e) => e.action },
            { header: "Summary", cell: (e) => e.summary },
          ]}
          footer={events.length === PAGE_SIZE ? `Showing the newest ${PAGE_SIZE}; narrow the filters or export CSV for more.` : null}
        />
      )}
    </>
  );
}
