// In-memory state of the fake ChartMogul account: API keys, CRM users (valid
// opportunity owners), pipelines with their stages, customers and opportunities.
// Tests read and change it directly; the HTTP routes go through the same methods.
import { randomUUID } from "node:crypto";
import { systemClock, type Clock } from "@/lib/net/clock";

export type ChartMogulCustomer = {
  id: number;
  uuid: string;
  external_id: string;
  external_ids: string[];
  data_source_uuid: string;
  data_source_uuids: string[];
  name: string;
  /** Often empty: billing systems don't always hold an address. */
  email: string;
  company: string;
  /** Often empty, with or without scheme and `www.`, as people type it. */
  website_url: string;
  status: string;
  "customer-since": string;
  mrr: number;
  arr: number;
  currency: string;
  attributes: { tags: string[]; custom: Record<string, unknown> };
};

export type ChartMogulStage = {
  name: string;
  /** Used when a create leaves win_likelihood out, as ChartMogul does. */
  defaultWinLikelihood: number;
  /** Used when a create leaves forecast_category out. */
  defaultForecastCategory: ForecastCategory;
};

export type ChartMogulPipeline = { name: string; stages: ChartMogulStage[] };

export const FORECAST_CATEGORIES = ["pipeline", "best_case", "committed", "lost", "won"] as const;
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number];
export const OPPORTUNITY_TYPES = ["recurring", "one-time"] as const;

export type ChartMogulOpportunity = {
  uuid: string;
  customer_uuid: string;
  owner: string;
  pipeline: string;
  pipeline_stage: string;
  estimated_close_date: string;
  currency: string;
  amount_in_cents: number;
  type: string;
  forecast_category: ForecastCategory;
  win_likelihood: number;
  /** An array of {key, value} on the way in, an object on the way out. */
  custom: Record<string, unknown>;
  created_at: string;
  updated_at: string;
};

export type NewOpportunity = Omit<ChartMogulOpportunity, "uuid" | "created_at" | "updated_at">;

/** A record plus its insertion sequence, which the list cursors page by. */
type Sequenced<T> = { seq: number; record: T };

export type ChartMogulSeed = {
  apiKeys?: string[];
  /** Keys whose user has no CRM seat: the opportunity endpoints refuse them. */
  apiKeysWithoutCrmSeat?: string[];
  crmUsers?: string[];
  pipelines?: ChartMogulPipeline[];
  customers?: NewCustomer[];
};

export type NewCustomer = Pick<ChartMogulCustomer, "name" | "email" | "external_id"> &
  Partial<Omit<ChartMogulCustomer, "id" | "name" | "email" | "external_id">>;

export const DEFAULT_API_KEY = "cm_sandbox_key";
const DATA_SOURCE_UUID = "ds_5ee8bf93-b0b4-4722-8a76-e6d1e1f0a1b2";

const STAGES: ChartMogulStage[] = [
  { name: "Discovery", defaultWinLikelihood: 10, defaultForecastCategory: "pipeline" },
  { name: "Qualification", defaultWinLikelihood: 25, defaultForecastCategory: "pipeline" },
  { name: "Proposal", defaultWinLikelihood: 50, defaultForecastCategory: "best_case" },
  { name: "Negotiation", defaultWinLikelihood: 75, defaultForecastCategory: "committed" },
  { name: "Closed Won", defaultWinLikelihood: 100, defaultForecastCategory: "won" },
  { name: "Closed Lost", defaultWinLikelihood: 0, defaultForecastCategory: "lost" },
];

export const DEFAULT_PIPELINES: ChartMogulPipeline[] = [
  { name: "New Business", stages: STAGES },
  { name: "Expansion", stages: STAGES },
];

export const DEFAULT_CRM_USERS = ["alex.morgan@example.com", "priya.shah@example.com", "sam.lee@example.com"];

/**
 * Customers as a real account holds them: external ids from the billing system
 * (Stripe's `cus_…`, Recurly's codes), not the CRM's; company names with legal
 * suffixes; an e-mail on the company's domain for most, none for some; a website
 * for a few. Matching them to CRM accounts is the client's job.
 */
export const DEFAULT_CUSTOMERS: NewCustomer[] = [
  { uuid: "cus_1a6f3c52-7d0e-4b8a-9c61-0f2d5e8b7a11", name: "Acme Inc.", email: "billing@acme.example.com", external_id: "cus_NffrFeUfNV2Hib", website_url: "https://www.acme.example.com" },
  { uuid: "cus_2b7e4d63-8e1f-4c9b-8d72-1e3c6f9c8b22", name: "Globex Corp", email: "ap@globex.example.com", external_id: "cus_OQ3kLr8sTzY1Wd" },
  { uuid: "cus_3c8f5e74-9f20-4dac-9e83-2f4d7a0d9c33", name: "Initech LLC", email: "", external_id: "initech-2201", website_url: "www.initech.example.com/" },
  { uuid: "cus_4d906f85-a031-4ebd-af94-305e8b1eac44", name: "Umbrella Health, Inc.", email: "finance@umbrella.example.com", external_id: "cus_PuMb3lL4Hx0vQe" },
  { uuid: "cus_5ea17096-b142-4fce-b0a5-416f9c2fbd55", name: "Stark Logistics GmbH", email: "", external_id: "cus_QsTk9Lg2Zx5mNp" },
];

export class ChartMogulStore {
  readonly apiKeys: Set<string>;
  readonly apiKeysWithoutCrmSeat: Set<string>;
  readonly crmUsers: Set<string>;
  readonly pipelines: ChartMogulPipeline[];
  private readonly customerRows: Sequenced<ChartMogulCustomer>[] = [];
  private readonly opportunityRows = new Map<string, Sequenced<ChartMogulOpportunity>>();
  private nextSeq = 1;

  /** Stamps created_at and updated_at; tests pass a fake one to order them without waiting. */
  private readonly clock: Clock;

  constructor(seed: ChartMogulSeed = {}, clock: Clock = systemClock) {
    this.clock = clock;
    this.apiKeys = new Set(seed.apiKeys ?? [DEFAULT_API_KEY]);
    this.apiKeysWithoutCrmSeat = new Set(seed.apiKeysWithoutCrmSeat ?? []);
    this.crmUsers = new Set((seed.crmUsers ?? DEFAULT_CRM_USERS).map((email) => email.toLowerCase()));
    this.pipelines = structuredClone(seed.pipelines ?? DEFAULT_PIPELINES);
    for (const customer of seed.customers ?? DEFAULT_CUSTOMERS) this.addCustomer(customer);
  }

  addCustomer(input: NewCustomer): ChartMogulCustomer {
    const seq = this.nextSeq++;
    const customer: ChartMogulCustomer = {
      ...input,
      id: seq,
      uuid: input.uuid ?? `cus_${randomUUID()}`,
      external_ids: input.external_ids ?? [input.external_id],
      data_source_uuid: input.data_source_uuid ?? DATA_SOURCE_UUID,
      data_source_uuids: input.data_source_uuids ?? [input.data_source_uuid ?? DATA_SOURCE_UUID],
      company: input.company ?? input.name,
      website_url: input.website_url ?? "",
      status: input.status ?? "Active",
      "customer-since": input["customer-since"] ?? "2024-01-15T00:00:00.000Z",
      mrr: input.mrr ?? 0,
      arr: input.arr ?? 0,
      currency: input.currency ?? "USD",
      attributes: input.attributes ?? { tags: [], custom: {} },
    };
    this.customerRows.push({ seq, record: customer });
    return customer;
  }

  customers(): ChartMogulCustomer[] {
    return this.customerRows.map((row) => row.record);
  }

  customerRowsInOrder(): readonly Sequenced<ChartMogulCustomer>[] {
    return this.customerRows;
  }

  /** Case-insensitive, as mail systems treat addresses (ChartMogul's own rule is undocumented). */
  customersWithEmail(email: string): Sequenced<ChartMogulCustomer>[] {
    const wanted = email.toLowerCase();
    return this.customerRows.filter((row) => row.record.email !== "" && row.record.email.toLowerCase() === wanted);
  }

  findCustomer(uuid: string): ChartMogulCustomer | undefined {
    return this.customerRows.find((row) => row.record.uuid === uuid)?.record;
  }

  pipeline(name: string): ChartMogulPipeline | undefined {
    return this.pipelines.find((pipeline) => pipeline.name === name);
  }

  opportunities(): ChartMogulOpportunity[] {
    return [...this.opportunityRows.values()].map((row) => row.record);
  }

  opportunityRowsInOrder(): Sequenced<ChartMogulOpportunity>[] {
    return [...this.opportunityRows.values()];
  }

  getOpportunity(uuid: string): ChartMogulOpportunity | undefined {
    return this.opportunityRows.get(uuid)?.record;
  }

  insertOpportunity(fields: NewOpportunity): ChartMogulOpportunity {
    const now = new Date(this.clock.now()).toISOString();
    const opportunity: ChartMogulOpportunity = { uuid: randomUUID(), ...fields, created_at: now, updated_at: now };
    this.opportunityRows.set(opportunity.uuid, { seq: this.nextSeq++, record: opportunity });
    return opportunity;
  }

  updateOpportunity(uuid: string, changes: Partial<NewOpportunity>): ChartMogulOpportunity | undefined {
    const row = this.opportunityRows.get(uuid);
    if (!row) return undefined;
    row.record = { ...row.record, ...changes, updated_at: new Date(this.clock.now()).toISOString() };
    return row.record;
  }

  deleteOpportunity(uuid: string): boolean {
    return this.opportunityRows.delete(uuid);
  }
}
