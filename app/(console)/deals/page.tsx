import type { Metadata } from "next";
import { requirePageActor } from "@/app/_lib/guard";
import { EmptyState, PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Deals" };

export default async function DealsPage() {
  await requirePageActor("signedIn", "/deals");
  return (
    <>
      <PageHeader title="Deals" description="Browse, filter and select deals to push." />
      <EmptyState title="No deals yet">
        <p>Deals appear here after the first import.</p>
      </EmptyState>
    </>
  );
}
