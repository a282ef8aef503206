import type { Metadata } from "next";
import { requirePageActor } from "@/app/_lib/guard";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { listAuditEvents } from "@/lib/audit/list-audit-events";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage() {
  await requirePageActor("admin", "/audit");
  const events = await listAuditEvents({ limit: 200 });
  return (
    <>
      <PageHeader title="Audit" description="Every change made in Dealport: who, what, when. Append-only." />
      {events.length === 0 ? (
        <EmptyState title="No events yet">Sign-ins, settings changes, imports and pushes are recorded here.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr><th className="px-4 py-2">When (UTC)</th><th className="px-4 py-2">Actor</th><th className="px-4 py-2">Action</th><th className="px-4 py-2">Summary</th></tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id.toString()} className="border-t border-slate-100">
                  <td className="whitespace-nowrap px-4 py-2 font-mono text-xs">{e.at.toISOString().slice(0, 19).replace("T", " ")}</td>
                  <td className="px-4 py-2">{e.actorEmail ?? "system"}</td>
                  <td className="px-4 py-2 font-mono text-xs">{e.action}</td>
                  <td className="px-4 py-2">{e.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
