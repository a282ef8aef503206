// Pure: a deal → one Dreamdata stage object (docs/contracts/dreamdata-stage-objects.md). The deal's
// own currency is sent: Dreamdata converts mixed currencies to its base currency itself.
// Who the deal belongs to: company_id is its account's id; contact_id / email / emails come
// from its contacts (primary first), else from the identity its source gave it (a Dreamdata
// stage object without a company keeps its own contact_id / email / emails) or its account's e-mail.
import { minorToDecimalString } from "@/lib/currency/money";
import { DREAMDATA_FIELDS } from "@/lib/imports/parse";
import { missingAmountProblem } from "../missing-amount";
import type { DealForPush, PlanInput, PlanResult } from "../types";
import type { DreamdataConfig } from "./config";

export type DreamdataStageObject = {
  id: string;
  company_id?: string;
  contact_id?: string;
  email?: string;
  emails?: string[];
  name: string;
  currency: string;
  created_date: string;
  closed_date?: string;
  amount: number;
  properties: Record<string, unknown>;
};

export type DreamdataLookups = Record<string, never>;

/** Dreamdata wants UTC `YYYY-MM-DDTHH:MM:SSZ`; anything Date can't read is left out. */
function utcTimestamp(value: unknown): string | undefined {
  if (typeof value !== "string" || !value) return undefined;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

const STAGE_OBJECT_FIELDS: ReadonlySet<string> = new Set(DREAMDATA_FIELDS);

/** "Closed Won, Closed Lost" → a case-insensitive test on a deal's stage. */
function isClosed(stage: string | null, closedStages: string): boolean {
  if (!stage) return false;
  const wanted = stage.trim().toLowerCase();
  return closedStages.split(",").some((closed) => closed.trim().toLowerCase() === wanted);
}

type Identity = Pick<DreamdataStageObject, "contact_id" | "email" | "emails">;

function identityOf(deal: DealForPush): Identity {
  if (deal.contacts.length > 0) {
    const emails = [...new Set(deal.contacts.flatMap((c) => (c.email ? [c.email] : [])))];
    // A contact keyed by its e-mail (a Dreamdata stage object named only the address) has no CRM contact id.
    const withId = deal.contacts.find((c) => c.externalId !== c.email);
    return {
      ...(withId ? { contact_id: withId.externalId } : {}),
      ...(emails.length ? { email: emails[0], emails } : {}),
    };
  }
  const own = deal.properties;
  const emails = Array.isArray(own.emails) ? own.emails.filter((e): e is string => typeof e === "string") : [];
  const email = typeof own.email === "string" ? own.email : deal.account?.email;
  return {
    ...(typeof own.contact_id === "string" ? { contact_id: own.contact_id } : {}),
    ...(email ? { email } : {}),
    ...(emails.length ? { emails } : {}),
  };
}

export function planDreamdataStageObject({ deal, config }: PlanInput<DreamdataConfig, DreamdataLookups>): PlanResult<DreamdataStageObject> {
  const problems: string[] = [];
  const noAmount = missingAmountProblem(deal);
  if (noAmount) problems.push(noAmount);
  const companyId = deal.account?.externalId;
  const identity = identityOf(deal);
  if (!companyId && !identity.contact_id && !identity.email && !identity.emails) {
    problems.push("The deal has no account and no contacts (company_id, contact_id, email or emails is required)");
  }
  const closed = isClosed(deal.stage, config.closedStages);
  // A deal imported from Dreamdata keeps its closed_date to the second among the properties.
  const closedDate = closed ? (utcTimestamp(deal.properties.closed_date) ?? utcTimestamp(deal.closeDate)) : undefined;
  if (closed && !closedDate) problems.push(`The deal is in closed stage "${deal.stage}" but has no close date`);
  if (problems.length) return { ok: false, problems };

  // Top-level stage-object fields found among imported properties would only repeat (or contradict) the real ones.
  const dealProperties = Object.fromEntries(Object.entries(deal.properties).filter(([key]) => !STAGE_OBJECT_FIELDS.has(key)));
  return {
    ok: true,
    payload: {
      id: deal.externalId,
      ...(companyId ? { company_id: companyId } : {}),
      ...identity,
      name: deal.name,
      currency: deal.currency!,
      // The source's created date (rows imported before it was a field keep it as a property), else when Dealport first saw the deal.
      created_date: utcTimestamp(deal.sourceCreatedAt) ?? utcTimestamp(deal.properties.created_date) ?? utcTimestamp(deal.firstSeenAt)!,
      ...(closedDate ? { closed_date: closedDate } : {}),
      amount: Number(minorToDecimalString(BigInt(deal.amountMinor!), deal.currency!)),
      properties: { ...dealProperties, stage: deal.stage, pipeline: deal.pipeline, owner: deal.owner },
    },
  };
}
