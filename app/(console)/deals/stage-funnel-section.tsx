// The stage funnel of the deals page, streamed after the table (its aggregate reads every
// matching row, the table only a page): a bar narrows the URL's filter to its stage and pipeline.
import { StageFunnelChart } from "@/components/deals/stage-funnel-chart";
import { serializeDealTableParams, type DealTableState } from "@/lib/deals/deal-table-params";
import { getStageFunnel } from "@/lib/deals/stage-funnel";

export async function StageFunnelSection({ state }: { state: DealTableState }) {
  const funnel = await getStageFunnel(state.filter);
  const hrefFor = (stage: string, pipeline: string | null) => {
    const filter = { ...state.filter, stage: [stage], ...(pipeline === null ? {} : { pipeline: [pipeline] }) };
    return `/deals?${serializeDealTableParams({ ...state, filter, page: 1, after: undefined, before: undefined })}`;
  };
  return <StageFunnelChart funnel={funnel} hrefFor={hrefFor} activeStages={state.filter.stage ?? []} />;
}
