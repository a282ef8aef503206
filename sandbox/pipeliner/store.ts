// In-memory state of one fake Pipeliner space: API credentials and the entities
// Dealport reads (Clients, SalesUnits, Pipelines, Steps, Accounts, Contacts,
// ContactAccountRelations, Currencies) and writes (Opportunities).
import { randomUUID } from "node:crypto";

export const ENTITY_NAMES = [
  "Clients",
  "SalesUnits",
  "Pipelines",
  "Steps",
  "Accounts",
  "Contacts",
  "ContactAccountRelations",
  "Currencies",
  "Opportunities",
] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

/** Fields every Pipeliner entity carries. */
export type PipelinerRecord = {
  id: string;
  created: string;
  modified: string;
  is_deleted: boolean;
  revision: number;
  [field: string]: unknown;
};

export type OpportunityValue = { base_value: number; currency_id: string; value_foreign: number };

export type PipelinerCredentials = { username: string; password: string };

export type PipelinerSeed = {
  spaceId?: string;
  credentials?: PipelinerCredentials[];
  /** Records per entity, replacing the default seed of that entity. */
  entities?: Partial<Record<EntityName, Record<string, unknown>[]>>;
  /** Units of each currency per one unit of the base currency, by currency code. */
  exchangeRates?: Record<string, number>;
};

export const DEFAULT_SPACE_ID = "dealport_sandbox";
export const DEFAULT_CREDENTIALS: PipelinerCredentials = { username: "sandbox_api_token", password: "sandbox_api_password" };

/** Readable fixed ids for seed records, so demos and tests can name them. */
function seedId(kind: number, n: number): string {
  return `00000000-0000-4000-8000-${kind.toString(16).padStart(4, "0")}${n.toString(16).padStart(8, "0")}`;
}

const STAGE_STEPS = [
  { name: "Discovery", percent: 10 },
  { name: "Qualification", percent: 25 },
  { name: "Proposal", percent: 50 },
  { name: "Negotiation", percent: 75 },
  { name: "Closed Won", percent: 100 },
];

const UNIT_ID = seedId(1, 1);
const PEOPLE = [
  ["Alex", "Morgan", "alex.morgan@example.com"],
  ["Priya", "Shah", "priya.shah@example.com"],
  ["Sam", "Lee", "sam.lee@example.com"],
];
/**
 * Accounts as a real space holds them: names with legal suffixes, the company
 * e-mail in any of email1…email5 (or none), the website typed with or without
 * scheme and `www.`. [name, emails (email1…), home_page, domain for contacts]
 */
const COMPANIES: [string, (string | null)[], string | null, string][] = [
  ["Acme Inc.", [null, "billing@acme.example.com"], "https://www.acme.example.com", "acme.example.com"],
  ["Globex Corp", ["ap@globex.example.com"], null, "globex.example.com"],
  ["Initech LLC", [], "initech.example.com", "initech.example.com"],
  ["Umbrella Health, Inc.", [null, null, null, "finance@umbrella.example.com"], null, "umbrella.example.com"],
  ["Stark Logistics GmbH", [], null, "stark.example.com"],
];
const CONTACT_NAMES = [
  ["Maria", "Lopez"],
  ["Tom", "Becker"],
  ["Aiko", "Tanaka"],
  ["Jonas", "Berg"],
  ["Fatima", "Khan"],
  ["Luca", "Rossi"],
];

export const DEFAULT_EXCHANGE_RATES: Record<string, number> = { USD: 1, EUR: 0.92, GBP: 0.79 };

export function defaultEntities(): Record<EntityName, Record<string, unknown>[]> {
  const clients = PEOPLE.map(([first, last, email], i) => ({
    id: seedId(2, i + 1),
    first_name: first,
    last_name: last,
    name: `${first} ${last}`,
    email,
    default_unit_id: UNIT_ID,
    is_active: true,
  }));
  const pipelines = ["New Business", "Expansion"].map((name, i) => ({ id: seedId(3, i + 1), name, is_default: i === 0 }));
  const steps = pipelines.flatMap((pipeline, p) =>
    STAGE_STEPS.map((step, s) => ({ id: seedId(4, p * 100 + s + 1), pipeline_id: pipeline.id, name: step.name, sort_order: s + 1, percent: step.percent })),
  );
  const accounts = COMPANIES.map(([name, emails, homePage], i) => ({
    id: seedId(5, i + 1),
    name,
    ...Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`email${n}`, emails[n - 1] ?? null])),
    home_page: homePage,
    owner_id: clients[i % clients.length].id,
  }));
  // Two contacts for each of the first three accounts; the first of each pair is primary.
  const contacts = CONTACT_NAMES.map(([first, last], i) => ({
    id: seedId(6, i + 1),
    first_name: first,
    last_name: last,
    email1: `${first.toLowerCase()}.${last.toLowerCase()}@${COMPANIES[Math.floor(i / 2)][3]}`,
    email2: null,
    email3: null,
    email4: null,
    email5: null,
    owner_id: clients[0].id,
  }));
  const contactAccountRelations = contacts.map((contact, i) => ({
    id: seedId(7, i + 1),
    account_id: accounts[Math.floor(i / 2)].id,
    contact_id: contact.id,
    is_primary: i % 2 === 0,
  }));
  const currencies = [
    { id: seedId(8, 1), code: "USD", symbol: "$", is_base: true },
    { id: seedId(8, 2), code: "EUR", symbol: "€", is_base: false },
    { id: seedId(8, 3), code: "GBP", symbol: "£", is_base: false },
  ];
  return {
    Clients: clients,
    SalesUnits: [{ id: UNIT_ID, name: "Sales", parent_id: null }],
    Pipelines: pipelines,
    Steps: steps,
    Accounts: accounts,
    Contacts: contacts,
    ContactAccountRelations: contactAccountRelations,
    Currencies: currencies,
    Opportunities: [],
  };
}

export class PipelinerStore {
  readonly spaceId: string;
  readonly credentials: PipelinerCredentials[];
  /** Units of each currency per one base unit, by currency code. */
  readonly exchangeRates: Record<string, number>;
  private readonly entities = new Map<EntityName, Map<string, PipelinerRecord>>();
  private lastMicros = 0;

  constructor(seed: PipelinerSeed = {}) {
    this.spaceId = seed.spaceId ?? DEFAULT_SPACE_ID;
    this.credentials = seed.credentials ?? [DEFAULT_CREDENTIALS];
    this.exchangeRates = { ...DEFAULT_EXCHANGE_RATES, ...seed.exchangeRates };
    const defaults = defaultEntities();
    for (const name of ENTITY_NAMES) {
      this.entities.set(name, new Map());
      for (const record of seed.entities?.[name] ?? defaults[name]) this.insert(name, record);
    }
  }

  /** Every record of an entity, soft-deleted ones included, in insertion order. */
  all(entity: EntityName): PipelinerRecord[] {
    return [...this.entities.get(entity)!.values()];
  }

  get(entity: EntityName, id: string): PipelinerRecord | undefined {
    return this.entities.get(entity)!.get(id);
  }

  /** A live (not soft-deleted) record. */
  live(entity: EntityName, id: unknown): PipelinerRecord | undefined {
    const record = typeof id === "string" ? this.get(entity, id) : undefined;
    return record && !record.is_deleted ? record : undefined;
  }

  insert(entity: EntityName, fields: Record<string, unknown>): PipelinerRecord {
    const now = this.nextTimestamp();
    const record: PipelinerRecord = { created: now, modified: now, is_deleted: false, revision: 1, ...fields, id: (fields.id as string) ?? randomUUID() };
    this.entities.get(entity)!.set(record.id, record);
    return record;
  }

  update(entity: EntityName, id: string, changes: Record<string, unknown>): PipelinerRecord | undefined {
    const record = this.get(entity, id);
    if (!record) return undefined;
    Object.assign(record, changes, { modified: this.nextTimestamp(), revision: record.revision + 1 });
    return record;
  }

  /** Pipeliner deletes softly: the record stays, flagged, and lists hide it unless asked. */
  softDelete(entity: EntityName, id: string): boolean {
    return this.update(entity, id, { is_deleted: true }) !== undefined;
  }

  /**
   * Pipeliner's timestamp form (UTC, a space, microseconds, an explicit offset),
   * strictly increasing so that records created within one millisecond keep
   * their order when sorted by `created`.
   */
  private nextTimestamp(): string {
    this.lastMicros = Math.max(Date.now() * 1000, this.lastMicros + 1);
    const seconds = new Date(Math.floor(this.lastMicros / 1000)).toISOString().slice(0, 19).replace("T", " ");
    return `${seconds}.${String(this.lastMicros % 1_000_000).padStart(6, "0")}+00:00`;
  }

  baseCurrency(): PipelinerRecord | undefined {
    return this.all("Currencies").find((currency) => currency.is_base === true);
  }

  /** A space with currencies besides its base one ("Multiple currencies" in the seed). */
  isMultiCurrency(): boolean {
    return this.all("Currencies").some((currency) => !currency.is_deleted && currency.is_base !== true);
  }
}
