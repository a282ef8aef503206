import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/app/_lib/guard";
import { orNotFound } from "@/app/_lib/or-not-found";
import { PageHeader } from "@/components/shell/page-header";
import { BackToList } from "@/components/shell/back-to-list";
import { DealDetailView } from "@/components/deals/deal-detail-view";
import { getBaseCurrency } from "@/lib/currency/get-base-currency";
import { getDealDetail } from "@/lib/deals/get-deal-detail";

export const metadata: Metadata = { title: "Deal" };

export default async function DealPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageActor("signedIn", `/deals/${id}`);
  const detail = await orNotFound(getDealDetail(id));
  const baseCurrency = await getBaseCurrency();
  return (
    <>
      <BackToList listPath="/deals" label="Back to deals" />
      <PageHeader
        title={detail.deal.name}
        description={detail.deal.account ? `Deal of ${detail.deal.account.name}` : "Deal without an account"}
        actions={
          detail.deal.account ? (
            <Link href={`/accounts/${detail.deal.account.id}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
              Open account
            </Link>
          ) : null
        }
      />
      <DealDetailView detail={detail} baseCurrency={baseCurrency} />
    </>
  );
}
