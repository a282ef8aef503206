// Pure: a deal → one Dreamdata stage object (seeds/dreamdata-stage-objects.txt). The deal's
// own currency is sent: Dreamdata converts mixed currencies to its base currency itself.
import { minorToDecimalString } from "@/lib/currency/money";
import { DREAMDATA_FIELDS } from "@/lib/imports/parse";
import type { PlanInput, PlanResult } from "../types";
import type { DreamdataConfig } from "./config";

export type DreamdataStageObject = {
  id: string;
  company_id?: string;
  email?: string;
  name: string;
  currency: string;
  created_date?: string;
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

export function planDreamdataStageObject({ deal }: PlanInput<DreamdataConfig, DreamdataLookups>): PlanResult<DreamdataStageObject> {
  const problems: string[] = [];
  if (deal.amountMinor === null || !deal.currency) problems.push("The deal has no amount or currency");
  const companyId = deal.account?.externalId;
  const email = deal.account?.email ?? deal.contacts.find((c) => c.isPrimary && c.email)?.email ?? undefined;
  if (!companyId && !email) problems.push("The deal has no account and no contact e-mail (company_id or email is required)");
  // A deal imported from Dreamdata keeps its created_date among the properties.
  const createdDate = utcTimestamp(deal.properties.created_date);
  const closedDate = utcTimestamp(deal.closeDate);
  if (!createdDate && !closedDate) problems.push("The deal has no close date or created_date (one is required)");
  if (problems.length) return { ok: false, problems };

  // Top-level stage-object fields found among imported properties would only repeat (or contradict) the real ones.
  const dealProperties = Object.fromEntries(Object.entries(deal.properties).filter(([key]) => !STAGE_OBJECT_FIELDS.has(key)));
  return {
    ok: true,
    payload: {
      id: deal.externalId,
      ...(companyId ? { company_id: companyId } : {}),
      ...(email ? { email } : {}),
      name: deal.name,
      currency: deal.currency!,
      ...(createdDate ? { created_date: createdDate } : {}),
      ...(closedDate ? { closed_date: closedDate } : {}),
      amount: Number(minorToDecimalString(BigInt(deal.amountMinor!), deal.currency!)),
      properties: { ...dealProperties, stage: deal.stage, pipeline: deal.pipeline, owner: deal.owner },
    },
  };
}
