import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/app/_lib/guard";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { destinationModule } from "@/lib/destinations/registry";
import { listMatchingDestinations } from "@/lib/matching/matching-report";

export const metadata: Metadata = { title: "Matching" };

export default async function MatchingIndexPage() {
  await requirePageActor("signedIn", "/matching");
  const destinations = await listMatchingDestinations();
  return (
    <>
      <PageHeader
        title="Matching"
        description="Which record at a destination (a ChartMogul customer, a Pipeliner account) each of our accounts is. Pushes match by saved link, external id, e-mail, then website domain; the rest waits here."
      />
      {destinations.length === 0 ? (
        <EmptyState title="No destination that matches accounts yet">An admin adds one (ChartMogul or Pipeliner, for example) under Settings → Destinations.</EmptyState>
      ) : (
        <ul className="space-y-2">
          {destinations.map((d) => (
            <li key={d.id} className="rounded-xl border border-slate-200 bg-white p-4">
              <Link href={`/matching/${d.id}`} className="font-medium text-indigo-700 hover:underline">{d.name}</Link>
              <span className="ml-2 text-sm text-slate-600">{destinationModule(d.kind).label} · accounts ↔ {d.noun}s</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
