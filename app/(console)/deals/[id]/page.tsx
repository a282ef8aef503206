import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/app/_lib/guard";
import { orNotFound } from "@/app/_lib/or-not-found";
import { PageHeader } from "@/components/shell/page-header";
import { BackToList } from "@/components/shell/back-to-list";
import { DealDetailView } from "@/components/deals/deal-detail-view";
import { getBaseCurrency } from "@/lib/currency/get-base-currency";
import { getDealDetail } from "@/lib/deals/get-deal-detail";
import { listDealTimeline, TIMELINE_KINDS, timelineQuerySchema } from "@/lib/deals/deal-timeline";
import { DealTimeline } from "@/components/deals/deal-timeline";

export const metadata: Metadata = { title: "Deal" };

export default async function DealPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  const search = await searchParams;
  await requirePageActor("signedIn", `/deals/${id}`);
  const detail = await orNotFound(getDealDetail(id));
  // A hand-edited URL with an unknown kind shows everything rather than an error page.
  const parsed = timelineQuerySchema.safeParse({ kinds: search.kind, after: typeof search.after === "string" ? search.after : undefined });
  const { kinds, after } = parsed.success ? parsed.data : timelineQuerySchema.parse({});
  const [baseCurrency, timeline] = await Promise.all([getBaseCurrency(), listDealTimeline(id, { kinds, after })]);
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
      <div className="mt-6">
        <DealTimeline dealId={id} page={timeline} kinds={kinds.length === TIMELINE_KINDS.length ? [] : kinds} after={after} currency={detail.deal.currency} />
      </div>
    </>
  );
}
