// Exact Sales records → Dealport's canonical rows. A lead is a company being sold to,
// so one lead gives one account (the company) and one deal (the opportunity), both with
// the lead's id. The mapping table, field by field, is in docs/exact-sales.md and on the
// source's settings page (EXACT_SALES_FIELD_MAP below feeds both).
import type { CanonicalAccount, CanonicalContact, CanonicalDeal, JsonValue, Properties } from "@/lib/imports/canonical";
import { normaliseDate } from "@/lib/imports/parse/dates";
import { cellExcerpt, rowProblem, type ImportProblem, type ProblemCode } from "@/lib/imports/parse/problems";
import { cleanText, normaliseEmail, normaliseUrl } from "@/lib/imports/parse/text";
import { parseMoney } from "@/lib/currency/parse-money";
import type { ExactLeadRecord, ExactLeadSoldRecord, ExactLostRecord, ExactPersonRecord } from "./records";
import { parseExactTimestamp } from "./timestamps";

export type ExactStageInfo = { id: number; name: string; position: number };
export type ExactFunnelInfo = { id: number; name: string; stages: ExactStageInfo[] };

/** The reference tables a lead is read against: funnels with their stages (Fases do lead) and sellers. */
export type ExactCatalog = {
  funnels: Map<number, ExactFunnelInfo>;
  /** Vendedores by id → their e-mail, lowercased; null when the account's API has no sellers list. */
  sellerEmails: Map<number, string> | null;
};

/** How amounts are read: sales in the account currency, open leads from a mapped custom field. */
export type ExactMoneySettings = {
  currency: string;
  /** A custom field id (e.g. `_valorestimado`) holding the value of leads not sold yet. */
  amountCustomField?: string | null;
  /** Currency of that field's values; default `currency`. */
  amountCurrency?: string | null;
};

/** What other tables say about one lead. */
export type LeadOutcome = {
  sale?: ExactLeadSoldRecord;
  lost?: ExactLostRecord;
  /** Leads: campos customizados, by field id (Exact's ids start with "_": _segmento). */
  customFields?: Properties;
};

export type MappedLead = {
  deal: CanonicalDeal | null;
  account: CanonicalAccount | null;
  problems: ImportProblem[];
  /** For the savepoint; null when the lead's updateDate is missing or unreadable. */
  updatedAt: Date | null;
};

/** The lead fields that have a place of their own; every other field is kept in the deal's properties. */
const LEAD_FIELDS_MAPPED = new Set([
  "id", "lead", "funnelId", "stage", "salesRep", "sdr", "industry", "source", "subSource", "website", "description",
  "cnpj", "closingForecastDate", "registerDate", "updateDate", "leadProduct",
  "phone1", "phone2", "street", "number", "complement", "district", "cep", "city", "state", "country",
]);
const ACCOUNT_PROPERTY_FIELDS = ["cnpj", "phone1", "phone2", "street", "number", "complement", "district", "cep", "city", "state", "country"] as const;
const PERSON_FIELDS_MAPPED = new Set(["id", "leadId", "name", "email", "jobTitle", "phone1", "phone2", "mainContact", "registerDate", "updateDate"]);

export const EXACT_SALES_FILES = { leads: "Leads", persons: "Persons" } as const;

/** Field-by-field mapping, shown on the source's page and in docs/exact-sales.md. */
export const EXACT_SALES_FIELD_MAP: { exact: string; dealport: string; note?: string }[] = [
  { exact: "Leads.id", dealport: "Deal and account external id" },
  { exact: "Leads.lead", dealport: "Deal name, account name", note: "a lead is a company" },
  { exact: "Leads.funnelId → Funnels.value", dealport: "Deal pipeline", note: "funnel id also in properties.funnelId" },
  { exact: "Leads.stage", dealport: "Deal stage", note: "position in its funnel (Fases do lead) in properties.stagePosition" },
  { exact: "Leads.salesRep.email (or SalesReps by id)", dealport: "Deal owner", note: "Vendedores → owners, by e-mail" },
  { exact: "Leads.closingForecastDate", dealport: "Deal close date while open" },
  { exact: "LeadsSold.saleDate, totalDealValue", dealport: "Deal close date and amount; properties.status = won", note: "amount in the source's currency (BRL by default); latest sale wins" },
  { exact: "Losts (Leads Descartados)", dealport: "properties.status = lost, lostAt, lostReason, lostStage; close date = discard date" },
  { exact: "LeadsCustomFields", dealport: "Deal properties, keyed by field id (_segmento …)" },
  { exact: "Leads.website, industry.value", dealport: "Account URL, industry" },
  { exact: "Leads.cnpj, phones, address", dealport: "Account properties" },
  { exact: "Leads.source, subSource, sdr, leadProduct, description, registerDate", dealport: "Deal properties" },
  { exact: "Any other lead field", dealport: "Deal properties, as sent", note: "unknown fields are kept, not dropped" },
  { exact: "LeadsCustomFields: the field mapped under Settings → Sources", dealport: "Deal amount of a lead not sold (yet)", note: "in the currency set beside it; a sale's value wins" },
  { exact: "Persons (Leads: contatos)", dealport: "Contacts of the lead's account", note: "mainContact → the primary contact" },
];

export function mapLead(lead: ExactLeadRecord, line: number, catalog: ExactCatalog, outcome: LeadOutcome, money: ExactMoneySettings): MappedLead {
  const file = EXACT_SALES_FILES.leads;
  const problems: ImportProblem[] = [];
  const warn = (column: string, code: ProblemCode, message: string) =>
    problems.push(rowProblem(file, line, code, `Lead ${lead.id}: ${message}`, { severity: "warning", column, excerpt: cellExcerpt((lead as Record<string, unknown>)[column]) }));

  const externalId = String(lead.id);
  const updatedAt = readTimestamp(lead.updateDate, "updateDate", warn);
  const name = cleanText(lead.lead);
  if (!name) {
    problems.push(rowProblem(file, line, "missing_value", `Lead ${lead.id} has no name (lead); it was not imported`, { column: "lead", excerpt: cellExcerpt(lead.lead) }));
    return { deal: null, account: null, problems, updatedAt };
  }

  const funnel = lead.funnelId == null ? undefined : catalog.funnels.get(lead.funnelId);
  if (lead.funnelId != null && !funnel) warn("funnelId", "missing_reference", `funnel ${lead.funnelId} is not among the account's funnels; the deal has no pipeline`);
  const stageName = cleanText(lead.stage);
  const stage = stageName && funnel ? findStage(funnel, stageName) : undefined;
  if (stageName && funnel && !stage) warn("stage", "missing_reference", `stage ${JSON.stringify(stageName)} is not a stage (Fases do lead) of funnel "${funnel.name}"`);

  const owner = ownerOf(lead, catalog, warn);
  const properties: Properties = {};
  const put = (key: string, value: JsonValue | undefined) => {
    if (value !== null && value !== undefined && value !== "") properties[key] = value;
  };
  put("funnelId", lead.funnelId ?? null);
  put("stagePosition", stage?.position ?? null);
  put("source", cleanText(lead.source?.value));
  put("subSource", cleanText(lead.subSource?.value));
  put("sdr", lead.sdr?.email ? lead.sdr.email.trim().toLowerCase() : null);
  put("leadProduct", cleanText(lead.leadProduct as string | null | undefined));
  put("description", cleanText(lead.description));
  const registeredAt = readTimestamp(lead.registerDate, "registerDate", warn);
  put("registeredAt", registeredAt?.toISOString() ?? null);
  for (const [key, value] of Object.entries(lead)) {
    if (!LEAD_FIELDS_MAPPED.has(key)) put(key, value as JsonValue);
  }
  for (const [key, value] of Object.entries(outcome.customFields ?? {})) put(key, value);

  let closeDate = readDate(lead.closingForecastDate, "closingForecastDate", warn);
  let amountMinor: bigint | null = null;
  let amountCurrency = money.currency;
  let status = "open";
  const wonOn = outcome.sale ? readDate(outcome.sale.saleDate, "saleDate", warn) : null;
  const lostOn = outcome.lost ? readDate(outcome.lost.date, "lost date", warn) : null;
  // A lead sold after being discarded (or the reverse) ends as whichever happened last.
  const won = outcome.sale && !(outcome.lost && lostOn && wonOn && lostOn > wonOn);
  if (won && outcome.sale) {
    status = "won";
    closeDate = wonOn ?? closeDate;
    amountMinor = amountOf(outcome.sale.totalDealValue, money.currency, "totalDealValue", `sale ${outcome.sale.id} totalDealValue`, warn);
    put("wonAt", wonOn);
    put("saleStage", cleanText(outcome.sale.saleStage));
    put("products", (outcome.sale.products ?? null) as JsonValue);
  } else if (outcome.lost) {
    status = "lost";
    closeDate = lostOn ?? closeDate;
    put("lostAt", lostOn);
    put("lostReason", cleanText(outcome.lost.reason));
    put("lostStage", cleanText(outcome.lost.stage));
  }
  put("status", status);
  const field = money.amountCustomField;
  const estimate = field ? outcome.customFields?.[field] : undefined;
  if (field && amountMinor === null && (typeof estimate === "string" || typeof estimate === "number")) {
    amountCurrency = money.amountCurrency ?? money.currency;
    amountMinor = amountOf(estimate, amountCurrency, field, `custom field ${field}`, warn);
  }

  const website = cleanText(lead.website);
  let url: string | null = null;
  if (website) {
    const normalised = normaliseUrl(website);
    if (normalised.ok) url = normalised.value;
    else warn("website", normalised.code, `website ${normalised.message}`);
  }
  const accountProperties: Properties = {};
  for (const field of ACCOUNT_PROPERTY_FIELDS) {
    const value = lead[field];
    if (value !== null && value !== undefined && value !== "") accountProperties[field] = typeof value === "string" ? value.trim() : (value as JsonValue);
  }
  // A CNPJ is 14 digits, often starting with 0: text, never a number (Kondado types it float).
  if (typeof lead.cnpj === "number") accountProperties.cnpj = String(Math.trunc(lead.cnpj)).padStart(14, "0");

  return {
    updatedAt,
    problems,
    account: { file, line, externalId, name, url, industry: cleanText(lead.industry?.value), properties: accountProperties },
    deal: {
      file,
      line,
      externalId,
      name,
      stage: stageName,
      pipeline: funnel?.name ?? null,
      owner,
      amountMinor,
      currency: amountMinor === null ? null : amountCurrency,
      closeDate,
      accountExternalId: externalId,
      properties,
    },
  };
}

export function mapPerson(person: ExactPersonRecord, line: number): { contact: CanonicalContact; problems: ImportProblem[] } {
  const file = EXACT_SALES_FILES.persons;
  const problems: ImportProblem[] = [];
  const fullName = cleanText(person.name);
  const [firstName, ...rest] = fullName ? fullName.split(/\s+/) : [];
  let email: string | null = null;
  if (cleanText(person.email)) {
    const normalised = normaliseEmail(person.email!);
    if (normalised.ok) email = normalised.value;
    else {
      problems.push(
        rowProblem(file, line, normalised.code, `Person ${person.id}: email ${normalised.message}`, { severity: "warning", column: "email", excerpt: cellExcerpt(person.email) }),
      );
    }
  }
  const properties: Properties = {};
  if (cleanText(person.phone2)) properties.phone2 = cleanText(person.phone2);
  for (const [key, value] of Object.entries(person)) {
    if (!PERSON_FIELDS_MAPPED.has(key) && value !== null && value !== undefined && value !== "") properties[key] = value as JsonValue;
  }
  return {
    problems,
    contact: {
      file,
      line,
      externalId: String(person.id),
      accountExternalId: String(person.leadId),
      firstName: firstName ?? null,
      lastName: rest.length ? rest.join(" ") : null,
      email,
      role: cleanText(person.jobTitle),
      phone: cleanText(person.phone1),
      linkedinUrl: null,
      reportsToExternalId: null,
      isPrimary: person.mainContact === true,
      properties,
    },
  };
}

type Warn = (column: string, code: ProblemCode, message: string) => void;

/** Accent- and case-insensitive: "Negociacao" typed by an integration is still "Negociação". */
const stageKey = (name: string) => name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").trim().toLowerCase();

function findStage(funnel: ExactFunnelInfo, name: string): ExactStageInfo | undefined {
  const key = stageKey(name);
  return funnel.stages.find((stage) => stageKey(stage.name) === key);
}

function ownerOf(lead: ExactLeadRecord, catalog: ExactCatalog, warn: Warn): string | null {
  const written = cleanText(lead.salesRep?.email);
  if (written) {
    const email = normaliseEmail(written);
    if (email.ok) return email.value;
    warn("salesRep.email", email.code, `seller e-mail ${email.message}`);
  }
  const sellerId = lead.salesRep?.id;
  // Without a sellers list (its endpoint is a guess) the lead's own salesRep e-mail is all there is.
  if (sellerId == null || catalog.sellerEmails === null) return null;
  const known = catalog.sellerEmails.get(sellerId);
  if (!known) warn("salesRep.id", "missing_reference", `seller ${sellerId} is not among the account's sellers (Vendedores); the deal has no owner`);
  return known ?? null;
}

function readTimestamp(text: string | null | undefined, column: string, warn: Warn): Date | null {
  if (!cleanText(text)) return null;
  const instant = parseExactTimestamp(text!);
  if (!instant) warn(column, "invalid_timestamp", `${column} ${JSON.stringify(text)} is not a date and time we can read`);
  return instant;
}

/** A calendar day as written (a close date is a day, not an instant); Brazilian n/n/yyyy is day first. */
function readDate(text: string | null | undefined, column: string, warn: Warn): string | null {
  if (!cleanText(text)) return null;
  const day = normaliseDate(text!, { dateOrder: "day-first" });
  if (day.ok) return day.value;
  warn(column, day.code, `${column} ${day.message}`);
  return null;
}

function amountOf(value: string | number | null | undefined, currency: string, column: string, what: string, warn: Warn): bigint | null {
  if (value === null || value === undefined || value === "") return null;
  // JSON numbers are plain decimals with a point; text may be written the Brazilian way (1.234,56).
  const parsed = parseMoney(String(value), currency, typeof value === "number" ? { decimalSeparator: "." } : {});
  if (parsed.ok) return parsed.minor;
  warn(column, "invalid_amount", `${what} ${JSON.stringify(value)}: ${parsed.message}`);
  return null;
}
