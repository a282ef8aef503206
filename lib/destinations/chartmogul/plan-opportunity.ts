// Pure: a deal + lookups → the exact ChartMogul request, or every reason it can't be sent.
import type { AccountMatch } from "@/lib/matching/match-account";
import { unmatchedProblem } from "@/lib/matching/match-deal-accounts";
import type { PlanInput, PlanResult } from "../types";
import type { ChartMogulConfig } from "./config";
import { missingAmountProblem } from "../missing-amount";
import { ownValue } from "@/lib/input/unsafe-input";

/** Our deal id travels in `custom` so a lost response can be found again (`find` in ./index.ts). */
export const DEAL_ID_KEY = "dealport_deal_id";

/** Our account id → how it matched a ChartMogul customer (lib/matching). */
export type ChartMogulLookups = { customers: Record<string, AccountMatch> };

type ChartMogulOpportunityBody = {
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

export function planChartMogulOpportunity({ deal, config, lookups }: PlanInput<ChartMogulConfig, ChartMogulLookups>): PlanResult<ChartMogulPayload> {
  const problems: string[] = [];
  const notes: string[] = [];
  const match = deal.account ? ownValue(lookups.customers, deal.account.id) : undefined;
  if (!deal.account) problems.push("The deal has no account, so no ChartMogul customer can be matched");
  else if (match?.status !== "matched") problems.push(unmatchedProblem("ChartMogul", "customer", deal.account.name, match));
  else notes.push(`Customer ${match.candidateName ? `"${match.candidateName}" ` : ""}(${match.candidateId}) ${match.matchedBy}`);
  const rule = ownValue(config.stages, deal.stage);
  if (!deal.stage) problems.push("The deal has no stage");
  else if (!rule) problems.push(`Stage "${deal.stage}" has no ChartMogul mapping (Settings → Destinations)`);
  const pipeline = ownValue(config.pipelines, deal.pipeline) || config.defaultPipeline || deal.pipeline;
  if (!pipeline) problems.push("The deal has no pipeline and the destination has no default pipeline");
  const owner = planOwner(deal.owner, config, notes, problems);
  if (!deal.closeDate) problems.push("The deal has no close date (estimated_close_date is required)");
  const noAmount = missingAmountProblem(deal);
  if (noAmount) problems.push(noAmount);
  const cents = deal.amountMinor === null ? NaN : Number(deal.amountMinor);
  if (deal.amountMinor !== null && (!Number.isSafeInteger(cents) || cents < 0)) problems.push(`Amount ${deal.amountMinor} can't be sent as amount_in_cents`);
  if (problems.length) return { ok: false, problems };

  const body: ChartMogulOpportunityBody = {
    customer_uuid: (match as { candidateId: string }).candidateId,
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
    notes,
  };
}

/**
 * The owner must be a ChartMogul user with a CRM seat, else the create is refused:
 * the mapped user, the deal's owner when it is a known user, else the default owner.
 */
function planOwner(dealOwner: string | null, config: ChartMogulConfig, notes: string[], problems: string[]): string | null {
  const mapped = dealOwner ? config.owners[dealOwner] : undefined;
  if (mapped) return mapped;
  const known = new Set([...config.crmUsers, ...Object.values(config.owners), ...(config.defaultOwner ? [config.defaultOwner] : [])].map((e) => e.toLowerCase()));
  if (dealOwner && known.has(dealOwner.toLowerCase())) return dealOwner;
  if (config.defaultOwner) {
    if (dealOwner) notes.push(`Owner ${dealOwner} is not a known ChartMogul user; the default owner ${config.defaultOwner} is used`);
    return config.defaultOwner;
  }
  problems.push(
    dealOwner
      ? `Owner ${dealOwner} is not a known ChartMogul user with a CRM seat: map it, list it under CRM users or set a default owner (Settings → Destinations)`
      : "The deal has no owner and the destination has no default owner",
  );
  return null;
}
