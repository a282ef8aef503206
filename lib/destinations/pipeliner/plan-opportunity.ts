// Pure: a deal + lookups → the exact Pipeliner Opportunity request (Pipeliner's documented flow:
// owner by e-mail, pipeline step, account, its contacts with exactly one primary,
// currency and value), or every reason it can't be sent.
import { minorToDecimalString } from "@/lib/currency/money";
import type { DealForPush, PlanInput, PlanResult } from "../types";
import type { PipelinerConfig } from "./config";
import { missingAmountProblem } from "../missing-amount";
import { ownValue } from "@/lib/input/unsafe-input";

export type PipelinerLookups = {
  /** Lower-cased e-mail → Client (user) id. */
  owners: Record<string, string>;
  pipelines: { id: string; name: string; steps: { id: string; name: string; sortOrder: number }[] }[];
  currencies: { id: string; code: string; isBase: boolean }[];
  /** Our account id → Pipeliner account (null: no match; "many": ambiguous). */
  accounts: Record<string, { id: string; contacts: { contactId: string; isPrimary: boolean }[] } | null | "many">;
};

export type PipelinerOpportunityBody = {
  name: string;
  owner_id: string;
  step_id: string;
  closing_date: string;
  value: { base_value: number; currency_id: string; value_foreign: number };
  account_relations: { account_id: string; is_primary: boolean }[];
  contact_relations?: { contact_id: string; is_primary: boolean }[];
  description: string;
};

export type PipelinerPayload =
  | { operation: "create"; body: PipelinerOpportunityBody }
  | { operation: "update"; id: string; body: PipelinerOpportunityBody };

/** Written into the description: Pipeliner has no custom field we can rely on, and find() looks for it. */
export const dealMarker = (deal: Pick<DealForPush, "id">) => `[dealport:${deal.id}]`;

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function planPipelinerOpportunity({ deal, config, lookups, baseCurrency }: PlanInput<PipelinerConfig, PipelinerLookups>): PlanResult<PipelinerPayload> {
  const problems: string[] = [];

  const ownerEmail = ownValue(config.owners, deal.owner) || config.defaultOwner || deal.owner;
  const ownerId = ownValue(lookups.owners, ownerEmail?.toLowerCase());
  if (!ownerEmail) problems.push("The deal has no owner and the destination has no default owner");
  else if (!ownerId) problems.push(`No Pipeliner user has the e-mail ${ownerEmail}`);

  const pipelineName = ownValue(config.pipelines, deal.pipeline) || config.defaultPipeline || deal.pipeline;
  const pipeline = pipelineName ? lookups.pipelines.find((p) => same(p.name, pipelineName)) : undefined;
  if (!pipelineName) problems.push("The deal has no pipeline and the destination has no default pipeline");
  else if (!pipeline) problems.push(`Pipeliner has no pipeline named "${pipelineName}"`);
  const steps = [...(pipeline?.steps ?? [])].sort((a, b) => a.sortOrder - b.sortOrder);
  const stepName = ownValue(config.stages, deal.stage) || deal.stage;
  const step = (stepName && steps.find((s) => same(s.name, stepName))) || steps[0];
  if (pipeline && !step) problems.push(`Pipeline "${pipeline.name}" has no steps`);

  const account = deal.account ? ownValue(lookups.accounts, deal.account.id) : null;
  if (!deal.account) problems.push("The deal has no account");
  else if (account === "many") problems.push(`Several Pipeliner accounts match "${deal.account.name}"; make the name or e-mail unique`);
  else if (!account) problems.push(`No Pipeliner account matches ${deal.account.email ? `e-mail ${deal.account.email} or ` : ""}name "${deal.account.name}"`);

  if (!deal.closeDate) problems.push("The deal has no close date (closing_date is required)");

  const value = planValue(deal, lookups, baseCurrency);
  if (typeof value === "string") problems.push(value);
  if (problems.length) return { ok: false, problems };

  const found = account as { id: string; contacts: { contactId: string; isPrimary: boolean }[] };
  // Exactly one primary, as Pipeliner demands: the account's primary contact, else its first.
  const primary = found.contacts.find((c) => c.isPrimary) ?? found.contacts[0];
  const description = [typeof deal.properties.description === "string" ? deal.properties.description : "", dealMarker(deal)].filter(Boolean).join("\n\n");
  const body: PipelinerOpportunityBody = {
    name: deal.name,
    owner_id: ownerId!,
    step_id: step!.id,
    closing_date: deal.closeDate!,
    value: value as PipelinerOpportunityBody["value"],
    account_relations: [{ account_id: found.id, is_primary: true }],
    ...(found.contacts.length ? { contact_relations: found.contacts.map((c) => ({ contact_id: c.contactId, is_primary: c === primary })) } : {}),
    description,
  };
  return { ok: true, payload: deal.linkedExternalId ? { operation: "update", id: deal.linkedExternalId, body } : { operation: "create", body } };
}

/**
 * value_foreign in the deal's currency when Pipeliner knows it, else in Pipeliner's base;
 * base_value from our base-currency amount, which is only right when both systems share
 * the base currency (otherwise we would be inventing a rate).
 */
function planValue(deal: DealForPush, lookups: PipelinerLookups, baseCurrency: string): PipelinerOpportunityBody["value"] | string {
  const base = lookups.currencies.find((c) => c.isBase);
  if (!base) return "Pipeliner has no base currency";
  if (!same(base.code, baseCurrency)) return `Pipeliner's base currency ${base.code} differs from Dealport's ${baseCurrency}; values can't be converted`;
  if (deal.amountMinor === null || !deal.currency) return missingAmountProblem(deal)!;
  if (deal.amountBaseMinor === null) return `No exchange rate from ${deal.currency} to ${baseCurrency} for this deal (Settings → Currency)`;
  const baseValue = Number(minorToDecimalString(BigInt(deal.amountBaseMinor), baseCurrency));
  const own = lookups.currencies.find((c) => same(c.code, deal.currency!));
  if (!own) return { base_value: baseValue, currency_id: base.id, value_foreign: baseValue };
  return { base_value: baseValue, currency_id: own.id, value_foreign: Number(minorToDecimalString(BigInt(deal.amountMinor), deal.currency)) };
}
