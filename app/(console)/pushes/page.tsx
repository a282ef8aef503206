import type { Metadata } from "next";
import { requirePageActor } from "@/app/_lib/guard";
import { EmptyState, PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Pushes" };

export default async function PushesPage() {
  await requirePageActor("signedIn", "/pushes");
  return (
    <>
      <PageHeader title="Pushes" description="Runs that sent deals to ChartMogul, Pipeliner or Jointflows." />
      <EmptyState title="No pushes yet">
        <p>Select deals on the Deals page and preview a push.</p>
      </EmptyState>
    </>
  );
}
