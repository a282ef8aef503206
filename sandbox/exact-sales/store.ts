// In-memory state of one fake Exact Spotter account: accepted tokens and the
// entity sets the API serves. The arrays are public so a test can plant odd
// records (missing ids, foreign date formats, duplicates) exactly as it wants.
import { exactTimestamp } from "./exact-timestamp";
import { generateExactSalesData, type GeneratorOptions } from "./seed";

export type ExactRef = { id: number; value: string };
export type ExactUserRef = { id: number; name: string; lastName: string; email: string; active: boolean };

export type ExactLead = {
  id: number;
  lead: string;
  cnpj: string | null;
  website: string | null;
  phone1: string | null;
  phone2: string | null;
  description: string | null;
  leadProduct: string | null;
  street: string | null;
  number: string | null;
  complement: string | null;
  district: string | null;
  cep: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  industry: ExactRef | null;
  source: ExactRef | null;
  subSource: ExactRef | null;
  funnelId: number;
  stage: string;
  sdr: ExactUserRef | null;
  salesRep: ExactUserRef | null;
  closingForecastDate: string | null;
  registerDate: string;
  updateDate: string;
};

export type ExactPerson = {
  id: number;
  leadId: number;
  name: string;
  email: string | null;
  jobTitle: string | null;
  phone1: string | null;
  phone2: string | null;
  mainContact: boolean;
  registerDate: string;
  updateDate: string;
};

export type ExactFunnel = { id: number; value: string; active: boolean };
export type ExactStage = { id: number; value: string; funnelId: number; position: number; active: boolean; gateType: number };
export type ExactSalesRep = ExactUserRef & { phone: string | null; phone2: string | null; groupList: string };

export type ExactSoldProduct = {
  name: string;
  quantity: number;
  individualValue: number;
  fullValue: number;
  discountType: "Absoluto" | "Porcentual" | "Nenhum";
  discountAmount: number;
  finalValue: number;
};

export type ExactLeadSold = {
  id: number;
  leadId: number;
  funnelId: number;
  saleDate: string;
  saleStage: string;
  totalDealValue: number;
  salesRep: { name: string; lastName: string; email: string } | null;
  products: ExactSoldProduct[];
};

/** Leads Descartados has no id of its own (seed: lead_id, funnel_id, reason, stage, date). */
export type ExactLost = { leadId: number; funnelId: number; stage: string; reason: string; date: string };
export type ExactCustomField = { id: string; value: string; type: "text" | "list"; options: string[] };
export type ExactCustomFieldValue = { leadId: number; id: string; value: string };

export type ExactSalesData = {
  funnels: ExactFunnel[];
  stages: ExactStage[];
  salesReps: ExactSalesRep[];
  leads: ExactLead[];
  persons: ExactPerson[];
  leadsSold: ExactLeadSold[];
  losts: ExactLost[];
  customFields: ExactCustomField[];
  leadsCustomFields: ExactCustomFieldValue[];
};

export const DEFAULT_TOKEN = "exact_sandbox_token";

export type ExactSalesSeed = GeneratorOptions & { tokens?: string[] };

export type EntitySetName = keyof ExactSalesData;

/**
 * Each entity set's type name and properties, for the 400 OData answers to a $filter or
 * $orderby naming a property the type lacks (Losts and LeadsCustomFields have no unique id).
 */
export const ENTITY_TYPES: { [Name in EntitySetName]: { name: string; fields: readonly (keyof ExactSalesData[Name][number])[] } } = {
  funnels: { name: "Funnel", fields: ["id", "value", "active"] },
  stages: { name: "Stage", fields: ["id", "value", "funnelId", "position", "active", "gateType"] },
  salesReps: { name: "SalesRep", fields: ["id", "name", "lastName", "email", "active", "phone", "phone2", "groupList"] },
  leads: {
    name: "Lead",
    fields: [
      "id", "lead", "cnpj", "website", "phone1", "phone2", "description", "leadProduct", "street", "number", "complement", "district", "cep",
      "city", "state", "country", "industry", "source", "subSource", "funnelId", "stage", "sdr", "salesRep", "closingForecastDate",
      "registerDate", "updateDate",
    ],
  },
  persons: { name: "Person", fields: ["id", "leadId", "name", "email", "jobTitle", "phone1", "phone2", "mainContact", "registerDate", "updateDate"] },
  leadsSold: { name: "LeadSold", fields: ["id", "leadId", "funnelId", "saleDate", "saleStage", "totalDealValue", "salesRep", "products"] },
  losts: { name: "Lost", fields: ["leadId", "funnelId", "stage", "reason", "date"] },
  customFields: { name: "CustomField", fields: ["id", "value", "type", "options"] },
  leadsCustomFields: { name: "LeadCustomField", fields: ["leadId", "id", "value"] },
};

/**
 * Records are read-only from outside: every change goes through a method,
 * which bumps `revision`, so the query results the server caches for paging
 * through 100,000 leads are never served stale.
 */
export class ExactSalesStore {
  readonly tokens: Set<string>;
  private readonly data: ExactSalesData;
  private currentRevision = 0;

  constructor(seed: ExactSalesSeed = {}) {
    this.tokens = new Set(seed.tokens ?? [DEFAULT_TOKEN]);
    this.data = generateExactSalesData(seed);
  }

  get revision(): number {
    return this.currentRevision;
  }

  records<Name extends EntitySetName>(set: Name): ReadonlyArray<Readonly<ExactSalesData[Name][number]>> {
    return this.data[set] as ReadonlyArray<Readonly<ExactSalesData[Name][number]>>;
  }

  lead(id: number): Readonly<ExactLead> | undefined {
    return this.data.leads.find((lead) => lead.id === id);
  }

  /** Adds records as given — a test may plant odd ones (no id, foreign date formats, duplicates) with a cast. */
  insert<Name extends EntitySetName>(set: Name, records: ExactSalesData[Name]): void {
    const target = this.data[set] as unknown[];
    for (const record of records) target.push(record);
    this.currentRevision++;
  }

  /**
   * Simulates users editing leads in Exact: applies `changes` and moves
   * `updateDate` to `at` (default now), which is what an incremental pull keys on.
   */
  touchLeads(ids: number[], options: { at?: Date; changes?: Partial<Omit<ExactLead, "id" | "updateDate">> } = {}): Readonly<ExactLead>[] {
    const updateDate = exactTimestamp(options.at ?? new Date());
    const touched = ids.map((id) => {
      const lead = this.data.leads.find((candidate) => candidate.id === id);
      if (!lead) throw new Error(`No lead ${id} in the sandbox`);
      return Object.assign(lead, options.changes, { updateDate });
    });
    this.currentRevision++;
    return touched;
  }

  /** LeadsDelete is a hard delete in Exact: the lead and everything hanging off it disappear. */
  deleteLeads(ids: number[]): void {
    const gone = new Set(ids);
    const data = this.data;
    data.leads = data.leads.filter((lead) => !gone.has(lead.id));
    data.persons = data.persons.filter((person) => !gone.has(person.leadId));
    data.leadsSold = data.leadsSold.filter((sale) => !gone.has(sale.leadId));
    data.losts = data.losts.filter((lost) => !gone.has(lost.leadId));
    data.leadsCustomFields = data.leadsCustomFields.filter((value) => !gone.has(value.leadId));
    this.currentRevision++;
  }
}
