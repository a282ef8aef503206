import type { Metadata } from "next";
import { requirePageActor } from "@/app/_lib/guard";
import { EmptyState, PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Imports" };

export default async function ImportsPage() {
  await requirePageActor("signedIn", "/imports");
  return (
    <>
      <PageHeader title="Imports" description="Every import from S3 files and CRM pulls, with what it changed and rejected." />
      <EmptyState title="No imports yet">
        <p>Add a source in Settings → Sources, then run an import from here or with <code>npx dealport import</code>.</p>
      </EmptyState>
    </>
  );
}
