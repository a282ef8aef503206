import type { Metadata } from "next";
import { requirePageActor } from "@/app/_lib/guard";
import { EmptyState, PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Accounts" };

export default async function AccountsPage() {
  await requirePageActor("signedIn", "/accounts");
  return (
    <>
      <PageHeader title="Accounts" description="Companies the deals belong to." />
      <EmptyState title="No accounts yet">
        <p>Accounts arrive with deal imports (accounts.csv or the account columns of deals.csv).</p>
      </EmptyState>
    </>
  );
}
