// Pure: a deal + lookups → the exact Pipeliner Opportunity request (Pipeliner's documented flow:
// owner by e-mail, pipeline step, account, its contacts with exactly one primary,
// currency and value), or every reason it can't be sent.
import { minorToDecimalString } from "@/lib/currency/money";
import type { AccountMatch } from "@/lib/matching/match-account";
import { unmatchedProblem } from "@/lib/matching/match-deal-accounts";
import type { DealForPush, PlanInput, PlanResult } from "../types";
import type { PipelinerConfig } from "./config";
import { missingAmountProblem } from "../missing-amount";
import { ownValue } from "@/lib/input/unsafe-input";

export type PipelinerLookups = {
  /** Lower-cased e-mail → Client (user) id. */
  owners: Record<string, string>;
  pipelines: { id: string; name: string; steps: { id: string; name: string; sortOrder: number }[] }[];
  currencies: { id: string; code: string; isBase: boolean }[];
  /** Our account id → how it matched a Pipeliner account (lib/matching), and that account's contacts. */
  accounts: Record<string, { match: AccountMatch; contacts: { contactId: string; isPrimary: boolean }[] }>;
};

type PipelinerOpportunityBody = {
  name: string;
  owner_id: string;
  step_id: string;
  closing_date: string;
  /** The seed: base_value, or value_foreign in currency_id (multi-currency spaces only); Pipeliner computes the other. */
  value: { currency_id: string; base_value: number } | { currency_id: string; value_foreign: number };
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
  const notes: string[] = [];

  // The mapped user, else the deal's owner when Pipeliner has that user, else the default owner.
  const mapped = ownValue(config.owners, deal.owner);
  const ownUser = !mapped && deal.owner ? ownValue(lookups.owners, deal.owner.toLowerCase()) : undefined;
  const ownerEmail = mapped || (ownUser ? deal.owner : config.defaultOwner || deal.owner);
  const ownerId = ownValue(lookups.owners, ownerEmail?.toLowerCase());
  if (deal.owner && !mapped && !ownUser && config.defaultOwner) notes.push(`No Pipeliner user has the e-mail ${deal.owner}; the default owner ${ownerEmail} is used`);
  if (!ownerEmail) problems.push("The deal has no owner and the destination has no default owner");
  else if (!ownerId) problems.push(`No Pipeliner user has the e-mail ${ownerEmail}`);

  const pipelineName = ownValue(config.pipelines, deal.pipeline) || config.defaultPipeline || deal.pipeline;
  const pipeline = pipelineName ? lookups.pipelines.find((p) => same(p.name, pipelineName)) : undefined;
  if (!pipelineName) problems.push("The deal has no pipeline and the destination has no default pipeline");
  else if (!pipeline) problems.push(`Pipeliner has no pipeline named "${pipelineName}"`);
  const steps = [...(pipeline?.steps ?? [])].sort((a, b) => a.sortOrder - b.sortOrder);
  const mappedStep = ownValue(config.stages, deal.stage);
  const step = mappedStep
    ? steps.find((s) => same(s.name, mappedStep))
    : (deal.stage && steps.find((s) => same(s.name, deal.stage!))) || steps[0];
  if (pipeline && !steps.length) problems.push(`Pipeline "${pipeline.name}" has no steps`);
  else if (pipeline && !step) problems.push(`Stage "${deal.stage}" is mapped to step "${mappedStep}", which pipeline "${pipeline.name}" doesn't have (${steps.map((s) => s.name).join(", ")})`);

  const found = deal.account ? ownValue(lookups.accounts, deal.account.id) : undefined;
  if (!deal.account) problems.push("The deal has no account");
  else if (found?.match.status !== "matched") problems.push(unmatchedProblem("Pipeliner", "account", deal.account.name, found?.match));
  else notes.push(`Account ${found.match.candidateName ? `"${found.match.candidateName}" ` : ""}(${found.match.candidateId}) ${found.match.matchedBy}`);

  if (!deal.closeDate) problems.push("The deal has no close date (closing_date is required)");

  const value = planValue(deal, lookups, baseCurrency);
  if (typeof value === "string") problems.push(value);
  if (problems.length) return { ok: false, problems };

  const { match, contacts } = found!;
  const accountId = (match as { candidateId: string }).candidateId;
  // Exactly one primary, as Pipeliner demands: the account's primary contact, else its first.
  const primary = contacts.find((c) => c.isPrimary) ?? contacts[0];
  const description = [typeof deal.properties.description === "string" ? deal.properties.description : "", dealMarker(deal)].filter(Boolean).join("\n\n");
  const body: PipelinerOpportunityBody = {
    name: deal.name,
    owner_id: ownerId!,
    step_id: step!.id,
    closing_date: deal.closeDate!,
    value: value as PipelinerOpportunityBody["value"],
    account_relations: [{ account_id: accountId, is_primary: true }],
    ...(contacts.length ? { contact_relations: contacts.map((c) => ({ contact_id: c.contactId, is_primary: c === primary })) } : {}),
    description,
  };
  return { ok: true, payload: deal.linkedExternalId ? { operation: "update", id: deal.linkedExternalId, body } : { operation: "create", body }, notes };
}

/**
 * The seed: send base_value or value_foreign, never both; Pipeliner computes the other
 * at its own rates. value_foreign only where the space has several currencies and the
 * deal's is one of them; otherwise base_value, from our base-currency amount, which is
 * only right when both systems share the base currency (else we would invent a rate).
 */
function planValue(deal: DealForPush, lookups: PipelinerLookups, baseCurrency: string): PipelinerOpportunityBody["value"] | string {
  const base = lookups.currencies.find((c) => c.isBase);
  if (!base) return "Pipeliner has no base currency";
  if (deal.amountMinor === null || !deal.currency) return missingAmountProblem(deal)!;
  if (same(deal.currency, base.code)) return { currency_id: base.id, base_value: Number(minorToDecimalString(BigInt(deal.amountMinor), deal.currency)) };
  const multiCurrency = lookups.currencies.some((c) => !c.isBase);
  const own = multiCurrency ? lookups.currencies.find((c) => same(c.code, deal.currency!)) : undefined;
  if (own) return { currency_id: own.id, value_foreign: Number(minorToDecimalString(BigInt(deal.amountMinor), deal.currency)) };
  if (!same(base.code, baseCurrency)) return `Pipeliner has no currency ${deal.currency}, and its base currency ${base.code} differs from Dealport's ${baseCurrency}; the value can't be converted`;
  if (deal.amountBaseMinor === null) return `No exchange rate from ${deal.currency} to ${baseCurrency} for this deal (Settings → Currency)`;
  return { currency_id: base.id, base_value: Number(minorToDecimalString(BigInt(deal.amountBaseMinor), baseCurrency)) };
}
