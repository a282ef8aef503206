// Pure: a deal + lookups → the exact ChartMogul request, or every reason it can't be sent.
import type { DealForPush, PlanInput, PlanResult } from "../types";
import type { ChartMogulConfig } from "./config";
import { missingAmountProblem } from "../missing-amount";
import { ownValue } from "@/lib/input/unsafe-input";

/** Our deal id travels in `custom` so a lost response can be found again (`find` in ./index.ts). */
export const DEAL_ID_KEY = "dealport_deal_id";

export type ChartMogulLookups = { customers: Record<string, string | null> };

export type ChartMogulOpportunityBody = {
  customer_uuid: string;
  owner: string;
  pipeline: string;
  pipeline_stage: string;
  estimated_close_date: string;
  currency: string;
  amount_in_cents: number;
  type: string;
  forecast_category?: string;
  win_likelihood?: number;
  custom: { key: string; value: string }[];
};

export type ChartMogulPayload =
  | { operation: "create"; body: ChartMogulOpportunityBody }
  | { operation: "update"; uuid: string; body: ChartMogulOpportunityBody };

/** The key a deal's customer is memoised under. */
export const customerKey = (deal: DealForPush) => deal.account?.id ?? "";

export function planChartMogulOpportunity({ deal, config, lookups }: PlanInput<ChartMogulConfig, ChartMogulLookups>): PlanResult<ChartMogulPayload> {
  const problems: string[] = [];
  const customer = deal.account ? ownValue(lookups.customers, customerKey(deal)) : null;
  if (!deal.account) problems.push("The deal has no account, so no ChartMogul customer can be matched");
  else if (!customer) {
    problems.push(
      `No ChartMogul customer matches account ${deal.account.externalId}${deal.account.email ? ` or e-mail ${deal.account.email}` : ""}`,
    );
  }
  const rule = ownValue(config.stages, deal.stage);
  if (!deal.stage) problems.push("The deal has no stage");
  else if (!rule) problems.push(`Stage "${deal.stage}" has no ChartMogul mapping (Settings → Destinations)`);
  const pipeline = ownValue(config.pipelines, deal.pipeline) || config.defaultPipeline || deal.pipeline;
  if (!pipeline) problems.push("The deal has no pipeline and the destination has no default pipeline");
  const owner = ownValue(config.owners, deal.owner) || config.defaultOwner || deal.owner;
  if (!owner) problems.push("The deal has no owner and the destination has no default owner");
  if (!deal.closeDate) problems.push("The deal has no close date (estimated_close_date is required)");
  const noAmount = missingAmountProblem(deal);
  if (noAmount) problems.push(noAmount);
  const cents = deal.amountMinor === null ? NaN : Number(deal.amountMinor);
  if (deal.amountMinor !== null && (!Number.isSafeInteger(cents) || cents < 0)) problems.push(`Amount ${deal.amountMinor} can't be sent as amount_in_cents`);
  if (problems.length) return { ok: false, problems };

  const body: ChartMogulOpportunityBody = {
    customer_uuid: customer!,
    owner: owner!,
    pipeline: pipeline!,
    pipeline_stage: rule!.stage,
    estimated_close_date: deal.closeDate!,
    currency: deal.currency!,
    amount_in_cents: cents,
    type: config.opportunityType,
    ...(rule!.forecastCategory ? { forecast_category: rule!.forecastCategory } : {}),
    ...(rule!.winLikelihood !== undefined ? { win_likelihood: rule!.winLikelihood } : {}),
    custom: [
      { key: DEAL_ID_KEY, value: deal.id },
      { key: "dealport_external_id", value: deal.externalId },
    ],
  };
  return {
    ok: true,
    payload: deal.linkedExternalId ? { operation: "update", uuid: deal.linkedExternalId, body } : { operation: "create", body },
  };
}
