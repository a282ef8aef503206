// Pure: a deal → its rows in the Jointflows flat-file format (docs/contracts/jointflows-flat-files.md):
// dates yyyy-mm-dd, value in the platform currency without a currency column.
import { minorToDecimalString } from "@/lib/currency/money";
import { normaliseEmail } from "@/lib/imports/parse/text";
import { missingAmountProblem } from "../missing-amount";
import type { DealForPush, PlanInput, PlanResult } from "../types";
import type { JointflowsConfig } from "./config";

type JointflowsDealRow = {
  Name: string;
  target_close_date: string;
  owner_email: string;
  value: string;
  deal_unique_id: string;
  deal_stage: string;
  pipeline_id: string;
  project_type: string;
  description: string;
  account_unique_id: string;
  account_name: string;
  account_url: string;
  account_industry: string;
};
type JointflowsAccountRow = { name: string; unique_id: string; url: string; industry: string };
type JointflowsContactRow = {
  first_name: string;
  last_name: string;
  email_address: string;
  account_unique_id: string;
  contact_unique_id: string;
  role: string;
  phone_number: string;
  linkedin_url: string;
  reports_to_id: string;
};

export type JointflowsPayload = { deal: JointflowsDealRow; account: JointflowsAccountRow | null; contacts: JointflowsContactRow[] };

export const DEAL_COLUMNS: (keyof JointflowsDealRow)[] = [
  "Name", "target_close_date", "owner_email", "value", "deal_unique_id", "deal_stage", "pipeline_id", "project_type",
  "description", "account_unique_id", "account_name", "account_url", "account_industry",
];
export const ACCOUNT_COLUMNS: (keyof JointflowsAccountRow)[] = ["name", "unique_id", "url", "industry"];
export const CONTACT_COLUMNS: (keyof JointflowsContactRow)[] = [
  "first_name", "last_name", "email_address", "account_unique_id", "contact_unique_id", "role", "phone_number", "linkedin_url", "reports_to_id",
];

export type JointflowsLookups = Record<string, never>;

export function planJointflowsRows({ deal, config, baseCurrency, runOptions }: PlanInput<JointflowsConfig, JointflowsLookups>): PlanResult<JointflowsPayload> {
  const problems: string[] = [];
  const platform = config.platformCurrency ?? baseCurrency;
  let valueMinor: string | null = null;
  if (deal.amountMinor === null || !deal.currency) problems.push(missingAmountProblem(deal)!);
  else if (deal.currency === platform) valueMinor = deal.amountMinor;
  else if (platform === baseCurrency) {
    valueMinor = deal.amountBaseMinor;
    if (valueMinor === null) problems.push(`No exchange rate from ${deal.currency} to ${platform} for this deal (Settings → Currency)`);
  } else problems.push(`Values go to Jointflows in ${platform}, but Dealport converts only to its base currency ${baseCurrency}`);
  if (!deal.closeDate) problems.push("The deal has no close date (target_close_date is required)");
  if (!deal.owner) problems.push("The deal has no owner (owner_email is required)");
  else if (!normaliseEmail(deal.owner).ok) problems.push(`The deal's owner "${deal.owner}" is not an e-mail address (owner_email must be one)`);
  if (!deal.account) problems.push("The deal has no account (account_unique_id is required)");
  problems.push(...contactProblems(deal));
  if (problems.length) return { ok: false, problems };

  const account = deal.account!;
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  return {
    ok: true,
    payload: {
      deal: {
        Name: deal.name,
        target_close_date: deal.closeDate!,
        owner_email: deal.owner!,
        value: minorToDecimalString(BigInt(valueMinor!), platform),
        deal_unique_id: deal.externalId,
        deal_stage: deal.stage ?? "",
        pipeline_id: deal.pipeline ?? "",
        project_type: runOptions.projectType || config.defaultProjectType || text(deal.properties.project_type),
        description: text(deal.properties.description),
        account_unique_id: account.externalId,
        account_name: account.name,
        account_url: account.url ?? "",
        account_industry: account.industry ?? "",
      },
      account: { name: account.name, unique_id: account.externalId, url: account.url ?? "", industry: account.industry ?? "" },
      contacts: deal.contacts.map((c) => ({
        first_name: c.firstName ?? "",
        last_name: c.lastName ?? "",
        email_address: c.email ?? "",
        account_unique_id: account.externalId,
        contact_unique_id: c.externalId,
        role: c.role ?? "",
        phone_number: c.phone ?? "",
        linkedin_url: c.linkedinUrl ?? "",
        reports_to_id: c.reportsToExternalId ?? "",
      })),
    },
  };
}

/** The format's required contact columns (docs/contracts/jointflows-flat-files.md): Jointflows can't read a contacts.csv row with any of them empty. */
const REQUIRED_CONTACT_FIELDS = [
  ["firstName", "first_name"],
  ["lastName", "last_name"],
  ["email", "email_address"],
] as const;

function contactProblems(deal: DealForPush): string[] {
  const problems: string[] = [];
  for (const contact of deal.contacts) {
    const missing = REQUIRED_CONTACT_FIELDS.filter(([field]) => !contact[field]?.trim()).map(([, column]) => column);
    if (missing.length) problems.push(`Contact ${contact.externalId} has no ${missing.join(", ")} (required in contacts.csv)`);
    else if (!normaliseEmail(contact.email!).ok) problems.push(`Contact ${contact.externalId}'s e-mail "${contact.email}" is not an e-mail address (email_address must be one)`);
  }
  return problems;
}
