// Deterministic generator for the sandbox's sample files (see README.md here):
//   jointflows/     first Jointflows drop: deals.csv, accounts.csv, contacts.csv
//   jointflows-v2/  the next full snapshot: stage/amount/date changes, removals,
//                   additions, and three bad rows for the import review to show
//   jointflows-inline/ deals.csv alone, account fields inline (no accounts.csv)
//   dreamdata/      Dreamdata stage objects, stages.ndjson.gz (primary) and stages.csv
//   manifest.json   what importing v1 then v2 should report, for tests
// Run `npx tsx sandbox/seed-data/generate.ts` to rewrite them; same seed, same bytes.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { createSeededRandom, type SeededRandom } from "../seeded-random";

const SEED = 20261116;
/** "Today" for the data: closed deals lie before it, open deals after. */
const TODAY = "2026-11-16";
const SELLER_DOMAIN = "lumenworks.example";

export const DEAL_COLUMNS = [
  "Name",
  "target_close_date",
  "owner_email",
  "value",
  "deal_unique_id",
  "account_unique_id",
  "deal_stage",
  "pipeline_id",
  // Not in the Jointflows spec: an extra column so values in several currencies mean something.
  "currency",
  "project_type",
  "description",
  "account_name",
  "account_url",
  "account_industry",
] as const;
export const ACCOUNT_COLUMNS = ["name", "unique_id", "url", "industry"] as const;
export const CONTACT_COLUMNS = [
  "first_name",
  "last_name",
  "email_address",
  "account_unique_id",
  "contact_unique_id",
  "role",
  "phone_number",
  "linkedin_url",
  "reports_to_id",
] as const;
export const STAGE_COLUMNS = [
  "id",
  "company_id",
  "email",
  "contact_id",
  "emails",
  "name",
  "currency",
  "created_date",
  "closed_date",
  "amount",
  "properties",
] as const;

type DealRow = Record<(typeof DEAL_COLUMNS)[number], string>;
type AccountRow = Record<(typeof ACCOUNT_COLUMNS)[number], string>;
type ContactRow = Record<(typeof CONTACT_COLUMNS)[number], string>;

// --- deterministic randomness -------------------------------------------------

type Random = SeededRandom;

// --- reference data -------------------------------------------------------------

type Country = "US" | "GB" | "DE" | "AT" | "FR" | "BE" | "NL" | "ES" | "PT" | "IT" | "IE" | "FI" | "NO";

const CURRENCY: Record<Country, "USD" | "EUR" | "GBP"> = {
  US: "USD",
  GB: "GBP",
  DE: "EUR",
  AT: "EUR",
  FR: "EUR",
  BE: "EUR",
  NL: "EUR",
  ES: "EUR",
  PT: "EUR",
  IT: "EUR",
  IE: "EUR",
  FI: "EUR",
  NO: "EUR",
};

/** Fictional companies; domains use the reserved .example TLD. */
const COMPANIES: readonly [name: string, country: Country, industry: string][] = [
  ["Northwind Logistics", "US", "Logistics"],
  ["Bluefin Analytics", "US", "Software"],
  ["Cobalt Ridge Manufacturing", "US", "Manufacturing"],
  ["Harbor & Pine Health", "US", "Healthcare"],
  ["Summit Freight Systems", "US", "Logistics"],
  ["Quillon Software", "US", "Software"],
  ["Redwood Data Labs", "US", "Software"],
  ["Ironclad Security Group", "US", "Security"],
  ["Meridian Retail Co.", "US", "Retail"],
  ["Atlas Grid Energy", "US", "Energy"],
  ["Brightline Education", "US", "Education"],
  ["Copperleaf Insurance", "US", "Financial Services"],
  ["Keystone Biotech", "US", "Life Sciences"],
  ["Lakeshore Media", "US", "Media"],
  ["Pioneer Fleet Services", "US", "Transportation"],
  ["Silverline Telecom", "US", "Telecommunications"],
  ["Granite Peak Construction", "US", "Construction"],
  ["Verity Payroll", "US", "Financial Services"],
  ["Thames Valley Engineering", "GB", "Engineering"],
  ["Ashworth & Cole Legal", "GB", "Legal Services"],
  ["Kestrel Payments", "GB", "Financial Services"],
  ["Birchfield Housing Group", "GB", "Real Estate"],
  ["Northgate Clinical", "GB", "Healthcare"],
  ["Wexford Digital", "GB", "Marketing"],
  ["Pennine Water Services", "GB", "Utilities"],
  ["Albion Travel Tech", "GB", "Travel"],
  ["Müller Präzisionstechnik GmbH", "DE", "Manufacturing"],
  ["Rheinwerk Logistik AG", "DE", "Logistics"],
  ["Alpenblick Hotels GmbH", "AT", "Hospitality"],
  ["Atelier Lumière SAS", "FR", "Retail"],
  ["Vallée Agro SAS", "FR", "Agriculture"],
  ["Brabant Facility Services NV", "BE", "Facilities"],
  ["Van Dijk Installatietechniek B.V.", "NL", "Construction"],
  ["Noordzee Energie B.V.", "NL", "Energy"],
  ["Soluciones Álamo S.L.", "ES", "IT Services"],
  ["Tejo Digital Lda", "PT", "Software"],
  ["Barbieri Componenti S.p.A.", "IT", "Manufacturing"],
  ["Liffey Cloud Services Ltd", "IE", "IT Services"],
  ["Kallio Systems Oy", "FI", "Software"],
  ["Fjordline Maritime AS", "NO", "Shipping"],
];
/** The account that first appears in the v2 snapshot. */
const NEW_COMPANY: (typeof COMPANIES)[number] = ["Oakmont Dental Partners", "US", "Healthcare"];

/** Names a CRM might hold as the legal name on deals while accounts.csv has the short one. */
const LEGAL_SUFFIX: Partial<Record<Country, string>> = { US: ", Inc.", GB: " Ltd" };

const PEOPLE: Record<Country, [first: readonly string[], last: readonly string[]]> = {
  US: [
    ["Emily", "Michael", "Jessica", "David", "Ashley", "Chris", "Rachel", "Kevin", "Lauren", "Marcus", "Olivia", "Daniel"],
    ["Johnson", "Rivera", "Patel", "Thompson", "Nguyen", "Brooks", "Coleman", "Foster", "Hughes", "Kim", "Ortiz", "Sullivan"],
  ],
  GB: [
    ["Oliver", "Charlotte", "Harry", "Amelia", "George", "Sophie", "James", "Isla", "William", "Grace"],
    ["Taylor", "Davies", "Evans", "Wilson", "Roberts", "Walker", "Wright", "Clarke", "Hall", "Ahmed"],
  ],
  DE: [
    ["Lukas", "Anna", "Felix", "Lea", "Jonas", "Sophie", "Maximilian", "Marie"],
    ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann"],
  ],
  AT: [
    ["Lukas", "Anna", "Tobias", "Katharina"],
    ["Gruber", "Huber", "Bauer", "Wimmer"],
  ],
  FR: [
    ["Camille", "Louis", "Chloé", "Hugo", "Léa", "Thomas", "Manon", "Julien"],
    ["Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Bonnet", "Fontaine", "Rousseau"],
  ],
  BE: [
    ["Elise", "Arthur", "Louise", "Wout"],
    ["Peeters", "Janssens", "Maes", "Dupont"],
  ],
  NL: [
    ["Daan", "Sanne", "Lars", "Femke", "Bram", "Lotte"],
    ["de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit"],
  ],
  ES: [
    ["Lucía", "Javier", "Marta", "Pablo"],
    ["García", "Fernández", "López", "Navarro"],
  ],
  PT: [
    ["Inês", "João", "Beatriz", "Tiago"],
    ["Martins", "Silva", "Santos", "Ferreira"],
  ],
  IT: [
    ["Giulia", "Marco", "Francesca", "Luca"],
    ["Rossi", "Bianchi", "Romano", "Colombo"],
  ],
  IE: [
    ["Aoife", "Cian", "Niamh", "Seán"],
    ["Murphy", "Kelly", "O'Brien", "Byrne"],
  ],
  FI: [
    ["Aino", "Mikko", "Sanna", "Juho"],
    ["Virtanen", "Korhonen", "Mäkinen", "Nieminen"],
  ],
  NO: [
    ["Ingrid", "Henrik", "Sofie", "Magnus"],
    ["Hansen", "Johansen", "Olsen", "Berg"],
  ],
};
/** Country calling codes; US and UK numbers use the ranges reserved for fiction. */
const PHONE_PREFIX: Record<Country, string> = {
  US: "+1",
  GB: "+44",
  DE: "+49",
  AT: "+43",
  FR: "+33",
  BE: "+32",
  NL: "+31",
  ES: "+34",
  PT: "+351",
  IT: "+39",
  IE: "+353",
  FI: "+358",
  NO: "+47",
};
const EXECUTIVE_ROLES = ["CEO", "COO", "CFO", "VP Operations", "Chief Information Officer"];
const TEAM_ROLES = ["Head of IT", "Procurement Manager", "Project Manager", "Finance Director", "Operations Lead", "Data Engineer"];

const OWNERS = ["Maya Chen", "Jonas Becker", "Priya Raman", "Tom Okafor", "Elise Martin", "Sam Whitfield"].map(
  (name) => `${name.toLowerCase().replace(" ", ".")}@${SELLER_DOMAIN}`,
);

type Pipeline = "New Business" | "Expansion" | "Renewals";
const PIPELINES: readonly (readonly [Pipeline, number])[] = [
  ["New Business", 55],
  ["Expansion", 25],
  ["Renewals", 20],
];
const STAGE_WEIGHTS: Record<Pipeline, readonly (readonly [string, number])[]> = {
  "New Business": [
    ["Discovery", 20],
    ["Qualification", 20],
    ["Proposal", 18],
    ["Negotiation", 14],
    ["Closed Won", 16],
    ["Closed Lost", 12],
  ],
  Expansion: [
    ["Discovery", 15],
    ["Qualification", 20],
    ["Proposal", 20],
    ["Negotiation", 15],
    ["Closed Won", 20],
    ["Closed Lost", 10],
  ],
  // A renewal starts qualified: the customer already exists.
  Renewals: [
    ["Qualification", 20],
    ["Proposal", 25],
    ["Negotiation", 25],
    ["Closed Won", 20],
    ["Closed Lost", 10],
  ],
};
const NEXT_STAGE: Record<string, string> = {
  Discovery: "Qualification",
  Qualification: "Proposal",
  Proposal: "Negotiation",
  Negotiation: "Closed Won",
};
/** How a CRM admin might refine an industry between two exports. */
const REFINED_INDUSTRY: Record<string, string> = {
  Healthcare: "Healthcare Providers",
  Software: "Enterprise Software",
  Logistics: "Third-Party Logistics",
};
const PRODUCTS = [
  "Analytics Platform",
  "Fleet Tracking",
  "Data Warehouse Migration",
  "Customer Portal",
  "Security Suite",
  "Workflow Automation",
  "Payroll Integration",
  "Field Service App",
];
const PROJECT_TYPES: Record<Pipeline, readonly string[]> = {
  "New Business": ["Implementation", "Onboarding"],
  Expansion: ["Expansion rollout"],
  Renewals: ["Renewal review"],
};
const VALUE_RANGE: Record<Pipeline, [number, number]> = {
  "New Business": [12_000, 180_000],
  Expansion: [4_000, 60_000],
  Renewals: [15_000, 120_000],
};
const DESCRIPTIONS = [
  "Champion is the VP Operations; budget approved for this fiscal year.",
  'Wants "go-live" before the peak season, pending legal review.',
  "Competing with an in-house build, price sensitive.",
  "Security questionnaire sent; SSO and audit logs required.",
  "Procurement asked for a 3-year term, 5% uplift cap.",
  "Pilot with two teams first, then company-wide rollout.",
  "Multi-entity setup: EU and UK subsidiaries, separate invoicing.",
  // Multi-line notes are common in CRM exports: quoted newline in the CSV.
  "Kick-off call held.\nNext: technical deep dive with their data team.",
];

// --- small helpers --------------------------------------------------------------

/** Lower-case ASCII words (accents dropped, "&" spelled out) joined by `separator`. */
function asciiSlug(text: string, separator: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join(separator);
}

function shortName(company: string): string {
  return company.replace(/\s+(GmbH|AG|SAS|NV|B\.V\.|S\.L\.|Lda|S\.p\.A\.|Ltd|Oy|AS|Co\.)$/, "");
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function dayBetween(random: Random, from: string, to: string): string {
  const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  return addDays(from, random.int(0, span));
}

function money(random: Random, [min, max]: [number, number]): string {
  const value = random.int(min / 500, max / 500) * 500;
  // Some CRMs export discounted or pro-rated amounts with cents.
  return random.chance(0.15) ? (value - random.int(1, 49_999) / 100).toFixed(2) : String(value);
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function toCsv<C extends string>(columns: readonly C[], rows: readonly Record<C, string>[]): string {
  return [columns.join(","), ...rows.map((row) => columns.map((c) => csvCell(row[c])).join(","))].join("\n") + "\n";
}

/** 1-based physical line where each data row starts (header is line 1; quoted newlines count). */
function rowStartLines<C extends string>(columns: readonly C[], rows: readonly Record<C, string>[]): number[] {
  let line = 2;
  return rows.map((row) => {
    const start = line;
    line += 1 + columns.map((c) => csvCell(row[c])).join(",").split("\n").length - 1;
    return start;
  });
}

// --- Jointflows -------------------------------------------------------------------

interface Account {
  row: AccountRow;
  country: Country;
  /** How deals.csv carries this account's fields; "override" tests precedence over accounts.csv. */
  inlineMode: "full" | "blank" | "override";
}

function makeAccount(random: Random, index: number, [name, country, industry]: (typeof COMPANIES)[number]): Account {
  const slug = asciiSlug(shortName(name), "");
  const overridable = LEGAL_SUFFIX[country] !== undefined;
  return {
    row: {
      name,
      unique_id: `AC-${String(index + 1).padStart(4, "0")}`,
      url: `https://www.${slug}.example`,
      industry: random.chance(0.9) ? industry : "",
    },
    country,
    inlineMode: random.weighted([
      ["full", 50],
      ["blank", 35],
      ["override", overridable ? 15 : 0],
    ] as const),
  };
}

function makeContacts(random: Random, account: Account, firstNumber: number): ContactRow[] {
  const [firstNames, lastNames] = PEOPLE[account.country];
  const domain = new URL(account.row.url).hostname.replace(/^www\./, "");
  const used = new Set<string>();
  const count = random.int(2, 4);
  const contacts: ContactRow[] = [];
  for (let i = 0; i < count; i++) {
    let first: string;
    let last: string;
    do {
      first = random.pick(firstNames);
      last = random.pick(lastNames);
    } while (used.has(`${first} ${last}`));
    used.add(`${first} ${last}`);
    const local = `${asciiSlug(first, "")}.${asciiSlug(last, "")}`;
    contacts.push({
      first_name: first,
      last_name: last,
      email_address: `${local}@${domain}`,
      account_unique_id: account.row.unique_id,
      contact_unique_id: `CT-${String(firstNumber + i).padStart(5, "0")}`,
      role: i === 0 ? random.pick(EXECUTIVE_ROLES) : random.chance(0.85) ? random.pick(TEAM_ROLES) : "",
      phone_number: random.chance(0.7) ? phoneNumber(random, account.country) : "",
      linkedin_url: random.chance(0.5)
        ? `https://www.linkedin.com/in/${asciiSlug(`${first} ${last}`, "-")}-${random.int(0x1000, 0xffff).toString(16)}`
        : "",
      // The first contact is the sponsor; the others report to them.
      reports_to_id: i === 0 ? "" : `CT-${String(firstNumber).padStart(5, "0")}`,
    });
  }
  return contacts;
}

function phoneNumber(random: Random, country: Country): string {
  const digits = (n: number) => Array.from({ length: n }, () => random.int(0, 9)).join("");
  if (country === "US") return `+1 ${random.pick(["212", "312", "415", "512", "617", "206"])} 555 01${digits(2)}`;
  if (country === "GB") return `+44 20 7946 0${digits(3)}`;
  return `${PHONE_PREFIX[country]} ${random.int(1, 9)}${digits(1)} ${digits(3)} ${digits(4)}`;
}

function inlineAccountFields(account: Account): Pick<DealRow, "account_name" | "account_url" | "account_industry"> {
  switch (account.inlineMode) {
    case "blank":
      return { account_name: "", account_url: "", account_industry: "" };
    case "full":
      return { account_name: account.row.name, account_url: account.row.url, account_industry: account.row.industry };
    case "override":
      return {
        account_name: `${shortName(account.row.name)}${LEGAL_SUFFIX[account.country]}`,
        account_url: account.row.url,
        account_industry: account.row.industry,
      };
  }
}

function makeDeal(random: Random, number: number, account: Account, pipeline: Pipeline, stage: string): DealRow {
  const closed = stage.startsWith("Closed");
  const product = random.pick(PRODUCTS);
  const short = shortName(account.row.name);
  const name =
    pipeline === "New Business"
      ? `${short} - ${product}`
      : pipeline === "Expansion"
        ? `${short} - ${product} expansion (+${random.int(2, 40) * 5} seats)`
        : `${short} - ${product} renewal ${closed ? "2026" : "2027"}`;
  return {
    Name: name,
    target_close_date: closed ? dayBetween(random, "2026-01-12", addDays(TODAY, -5)) : dayBetween(random, addDays(TODAY, 4), "2027-09-30"),
    owner_email: random.pick(OWNERS),
    value: money(random, VALUE_RANGE[pipeline]),
    deal_unique_id: `DL-${10000 + number}`,
    account_unique_id: account.row.unique_id,
    deal_stage: stage,
    pipeline_id: pipeline,
    currency: CURRENCY[account.country],
    project_type: random.chance(0.85) ? random.pick(PROJECT_TYPES[pipeline]) : "",
    description: random.chance(0.55) ? random.pick(DESCRIPTIONS) : "",
    ...inlineAccountFields(account),
  };
}

function randomDeal(random: Random, number: number, account: Account): DealRow {
  const pipeline = random.weighted(PIPELINES);
  return makeDeal(random, number, account, pipeline, random.weighted(STAGE_WEIGHTS[pipeline]));
}

type FieldChange = { from: string; to: string };

export interface SeedManifest {
  jointflows: {
    deals: number;
    accounts: number;
    contacts: number;
    accountsWithoutDeals: string[];
    /** Accounts whose deals.csv rows carry a different name than accounts.csv (deals.csv wins). */
    inlineAccountOverrides: { account_unique_id: string; accounts_csv_name: string; deals_csv_name: string }[];
  };
  jointflowsV2: {
    dealRows: number;
    added: string[];
    removed: string[];
    changed: { deal_unique_id: string; fields: Record<string, FieldChange>; note?: string }[];
    unchanged: number;
    rejected: {
      file: string;
      line: number;
      column: string;
      deal_unique_id: string;
      value: string;
      problem: string;
      /** The deal exists in the previous snapshot. */
      existing: boolean;
    }[];
    accounts: { added: string[]; changed: { unique_id: string; fields: Record<string, FieldChange> }[] };
    contacts: { added: string[]; removed: string[]; changed: { contact_unique_id: string; fields: Record<string, FieldChange> }[] };
  };
  dreamdata: { stages: number; currencies: Record<string, number>; withoutCompanyId: number; withCompanyAndContacts: number };
  /** A drop with only deals.csv, every account carried inline (the seed: "merged into the Deal file"). */
  jointflowsInline: { deals: number; accounts: number };
}

function jointflows(random: Random) {
  const accounts = COMPANIES.map((company, i) => makeAccount(random, i, company));
  const contacts: ContactRow[] = [];
  for (const account of accounts) contacts.push(...makeContacts(random, account, contacts.length + 1));

  // Two accounts have no deals (accounts.csv lists more than deals.csv references).
  const withDeals = accounts.slice(0, -2);
  const deals: DealRow[] = [];
  for (let number = 1; number <= 150; number++) {
    // The first pass gives every account a deal; the rest cluster on a few big customers.
    const account = number <= withDeals.length ? withDeals[number - 1] : withDeals[Math.floor(random.next() ** 2 * withDeals.length)];
    deals.push(randomDeal(random, number, account));
  }
  return { accounts, contacts, deals };
}

function jointflowsV2(random: Random, v1: ReturnType<typeof jointflows>) {
  const manifest: SeedManifest["jointflowsV2"] = {
    dealRows: 0,
    added: [],
    removed: [],
    changed: [],
    unchanged: 0,
    rejected: [],
    accounts: { added: [], changed: [] },
    contacts: { added: [], removed: [], changed: [] },
  };

  // Accounts: one new customer, one industry reclassified.
  const newAccount = makeAccount(random, v1.accounts.length, NEW_COMPANY);
  newAccount.inlineMode = "full";
  const accounts = [...v1.accounts.map((a) => ({ ...a, row: { ...a.row } })), newAccount];
  manifest.accounts.added.push(newAccount.row.unique_id);
  // Picked among accounts whose deals.csv rows leave the industry blank, so accounts.csv alone decides it.
  const reclassified = accounts.find((a) => a.inlineMode === "blank" && a.row.industry in REFINED_INDUSTRY)!;
  const refined = REFINED_INDUSTRY[reclassified.row.industry];
  manifest.accounts.changed.push({
    unique_id: reclassified.row.unique_id,
    fields: { industry: { from: reclassified.row.industry, to: refined } },
  });
  reclassified.row.industry = refined;

  // Contacts: one left, one changed role, two joined (one at the new account).
  const contacts = v1.contacts.map((c) => ({ ...c }));
  const leaver = contacts.find((c) => c.reports_to_id !== "" && c.account_unique_id === "AC-0003")!;
  contacts.splice(contacts.indexOf(leaver), 1);
  manifest.contacts.removed.push(leaver.contact_unique_id);
  const promoted = contacts.find((c) => c.reports_to_id !== "" && c.account_unique_id === "AC-0010")!;
  manifest.contacts.changed.push({ contact_unique_id: promoted.contact_unique_id, fields: { role: { from: promoted.role, to: "VP Operations" } } });
  promoted.role = "VP Operations";
  const joiners = makeContacts(random, newAccount, v1.contacts.length + 1).slice(0, 2);
  contacts.push(...joiners);
  manifest.contacts.added.push(...joiners.map((c) => c.contact_unique_id));

  // Deals: pick disjoint sets of open deals for each kind of change.
  const deals = v1.deals.map((d) => ({ ...d }));
  const open = random.shuffle(deals.filter((d) => !d.deal_stage.startsWith("Closed")));
  const take = (n: number) => open.splice(0, n);
  const record = (deal: DealRow, field: keyof DealRow, to: string, note?: string) => {
    let entry = manifest.changed.find((c) => c.deal_unique_id === deal.deal_unique_id);
    if (!entry) manifest.changed.push((entry = { deal_unique_id: deal.deal_unique_id, fields: {} }));
    entry.fields[field] = { from: deal[field], to };
    if (note) entry.note = note;
    deal[field] = to;
  };

  for (const deal of take(10)) {
    const to = deal.deal_stage === "Negotiation" && random.chance(0.35) ? "Closed Lost" : NEXT_STAGE[deal.deal_stage];
    record(deal, "deal_stage", to);
  }
  for (const deal of take(6)) {
    const factor = 1 + random.pick([-0.3, -0.15, -0.1, 0.1, 0.2, 0.25]);
    record(deal, "value", String(Math.round((Number(deal.value) * factor) / 100) * 100));
  }
  for (const deal of take(2)) record(deal, "target_close_date", addDays(deal.target_close_date, random.int(14, 60)));
  // An unambiguous day-first date (day > 12): the importer should reformat it, not reject it.
  const [reformatted] = take(1);
  const movedTo = `2027-03-${random.int(13, 28)}`;
  const [y, m, d] = movedTo.split("-");
  record(reformatted, "target_close_date", movedTo, `written as ${d}/${m}/${y} in the file`);
  reformatted.target_close_date = `${d}/${m}/${y}`;

  const removed = take(4);
  manifest.removed.push(...removed.map((d) => d.deal_unique_id));
  const [ambiguous] = take(1);

  const v2Deals = deals.filter((d) => !removed.includes(d));
  let number = v1.deals.length;
  const added = [
    ...Array.from({ length: 3 }, () => randomDeal(random, ++number, random.pick(accounts.slice(0, -1)))),
    makeDeal(random, ++number, newAccount, "New Business", "Discovery"),
    makeDeal(random, ++number, newAccount, "New Business", "Qualification"),
  ];
  manifest.added.push(...added.map((d) => d.deal_unique_id));
  const missingValue = { ...randomDeal(random, ++number, random.pick(accounts)), value: "" };
  const textValue = { ...randomDeal(random, ++number, random.pick(accounts)), value: "TBD" };
  ambiguous.target_close_date = "03/04/2027";
  v2Deals.push(added[0], missingValue, added[1], added[2], textValue, added[3], added[4]);

  const lines = rowStartLines(DEAL_COLUMNS, v2Deals);
  const lineOf = (deal: DealRow) => lines[v2Deals.indexOf(deal)];
  manifest.rejected.push(
    ...[
      { deal: ambiguous, column: "target_close_date", problem: "ambiguous date (day/month order unknown)", existing: true },
      { deal: missingValue, column: "value", problem: "required value missing", existing: false },
      { deal: textValue, column: "value", problem: "not a number", existing: false },
    ]
      .map(({ deal, column, problem, existing }) => ({
        file: "deals.csv",
        line: lineOf(deal),
        column,
        deal_unique_id: deal.deal_unique_id,
        value: deal[column as keyof DealRow],
        problem,
        existing,
      }))
      .sort((a, b) => a.line - b.line),
  );
  manifest.dealRows = v2Deals.length;
  manifest.unchanged = v1.deals.length - manifest.changed.length - manifest.removed.length - 1;
  return { accounts, contacts, deals: v2Deals, manifest };
}

// --- Dreamdata --------------------------------------------------------------------

interface StageObject {
  id: string;
  company_id: string | null;
  email: string | null;
  contact_id: string | null;
  emails: string[] | null;
  name: string | null;
  currency: string;
  created_date: string | null;
  closed_date: string | null;
  amount: number;
  properties: Record<string, string>;
}

function timestamp(random: Random, day: string): string {
  const time = [random.int(7, 19), random.int(0, 59), random.int(0, 59)].map((n) => String(n).padStart(2, "0")).join(":");
  return `${day}T${time}Z`;
}

const crmContactId = (contact: { contact_unique_id: string }) => String(23242349233 + Number(contact.contact_unique_id.slice(3)));

function dreamdata(random: Random, v1: ReturnType<typeof jointflows>): StageObject[] {
  const companyIds = new Map(v1.accounts.map((a) => [a.row.unique_id, String(2394762270 + random.int(1, 9_999_999))]));
  const accountById = new Map(v1.accounts.map((a) => [a.row.unique_id, a]));
  const stages: StageObject[] = [];
  for (const deal of v1.deals.slice(0, 80)) {
    const account = accountById.get(deal.account_unique_id)!;
    const people = v1.contacts.filter((c) => c.account_unique_id === deal.account_unique_id);
    const closed = deal.deal_stage.startsWith("Closed");
    const created = closed ? addDays(deal.target_close_date, -random.int(30, 150)) : addDays(TODAY, -random.int(3, 200));
    // Every identity form the spec allows: company_id, email, contact_id, or emails — and, as a
    // CRM export usually sends them, a company together with the people involved.
    const identity = random.weighted([
      ["company", 20],
      ["company+people", 35],
      ["email", 15],
      ["emails", 15],
      ["contact", 15],
    ] as const);
    const withCompany = identity === "company" || identity === "company+people" || identity === "emails";
    const named = identity === "company+people" ? people.slice(0, random.int(1, Math.max(1, people.length))) : [];
    stages.push({
      id: String(4053091339 + stages.length * 7919),
      company_id: withCompany ? companyIds.get(account.row.unique_id)! : null,
      email: identity === "email" ? people[0].email_address : (named[0]?.email_address ?? null),
      // The same person always has the same CRM contact id.
      contact_id: identity === "contact" ? crmContactId(people[0]) : named[0] ? crmContactId(named[0]) : null,
      emails:
        identity === "emails"
          ? people.slice(0, random.int(2, people.length)).map((c) => c.email_address)
          : named.length > 1
            ? named.map((c) => c.email_address)
            : null,
      name: random.chance(0.95) ? deal.Name : null,
      currency: deal.currency,
      created_date: closed && random.chance(0.2) ? null : timestamp(random, created),
      closed_date: closed ? timestamp(random, deal.target_close_date) : null,
      amount: Number(deal.value),
      properties: { pipeline: deal.pipeline_id, stage: deal.deal_stage, owner: deal.owner_email },
    });
  }
  return stages;
}

function stagesCsv(stages: StageObject[]): string {
  // Arrays and JSON objects become JSON text in their cell.
  const rows = stages.map((s) => ({
    id: s.id,
    company_id: s.company_id ?? "",
    email: s.email ?? "",
    contact_id: s.contact_id ?? "",
    emails: s.emails ? JSON.stringify(s.emails) : "",
    name: s.name ?? "",
    currency: s.currency,
    created_date: s.created_date ?? "",
    closed_date: s.closed_date ?? "",
    amount: String(s.amount),
    properties: JSON.stringify(s.properties),
  }));
  return toCsv(STAGE_COLUMNS, rows);
}

// --- Jointflows, accounts inline ------------------------------------------------------

/** The first 24 deals of the first drop, every account field on the deal row, no accounts.csv. */
function jointflowsInline(v1: ReturnType<typeof jointflows>): DealRow[] {
  const accountById = new Map(v1.accounts.map((a) => [a.row.unique_id, a]));
  return v1.deals.slice(0, 24).map((deal) => {
    const account = accountById.get(deal.account_unique_id)!.row;
    return { ...deal, account_name: account.name, account_url: account.url, account_industry: account.industry };
  });
}

// --- output -----------------------------------------------------------------------

/** Every sample file, keyed by its path under sandbox/seed-data/. */
export function generateSeedData(): Record<string, Buffer> {
  const random = createSeededRandom(SEED);
  const v1 = jointflows(random);
  const v2 = jointflowsV2(random, v1);
  const stages = dreamdata(random, v1);
  const inline = jointflowsInline(v1);

  const manifest: SeedManifest = {
    jointflows: {
      deals: v1.deals.length,
      accounts: v1.accounts.length,
      contacts: v1.contacts.length,
      accountsWithoutDeals: v1.accounts.slice(-2).map((a) => a.row.unique_id),
      inlineAccountOverrides: v1.accounts
        .filter((a) => a.inlineMode === "override" && v1.deals.some((d) => d.account_unique_id === a.row.unique_id))
        .map((a) => ({
          account_unique_id: a.row.unique_id,
          accounts_csv_name: a.row.name,
          deals_csv_name: inlineAccountFields(a).account_name,
        })),
    },
    jointflowsV2: v2.manifest,
    dreamdata: {
      stages: stages.length,
      currencies: stages.reduce<Record<string, number>>((counts, s) => ({ ...counts, [s.currency]: (counts[s.currency] ?? 0) + 1 }), {}),
      withoutCompanyId: stages.filter((s) => s.company_id === null).length,
      withCompanyAndContacts: stages.filter((s) => s.company_id !== null && s.contact_id !== null && s.email !== null).length,
    },
    jointflowsInline: { deals: inline.length, accounts: new Set(inline.map((d) => d.account_unique_id)).size },
  };

  const text = (value: string) => Buffer.from(value, "utf8");
  const ndjson = stages.map((s) => JSON.stringify(s)).join("\n") + "\n";
  return {
    "jointflows/deals.csv": text(toCsv(DEAL_COLUMNS, v1.deals)),
    "jointflows/accounts.csv": text(toCsv(ACCOUNT_COLUMNS, v1.accounts.map((a) => a.row))),
    "jointflows/contacts.csv": text(toCsv(CONTACT_COLUMNS, v1.contacts)),
    "jointflows-v2/deals.csv": text(toCsv(DEAL_COLUMNS, v2.deals)),
    "jointflows-v2/accounts.csv": text(toCsv(ACCOUNT_COLUMNS, v2.accounts.map((a) => a.row))),
    "jointflows-v2/contacts.csv": text(toCsv(CONTACT_COLUMNS, v2.contacts)),
    "jointflows-inline/deals.csv": text(toCsv(DEAL_COLUMNS, inline)),
    "dreamdata/stages.ndjson.gz": gzipSync(text(ndjson), { level: 9 }),
    "dreamdata/stages.csv": text(stagesCsv(stages)),
    "manifest.json": text(JSON.stringify(manifest, null, 2) + "\n"),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outputDir = path.dirname(fileURLToPath(import.meta.url));
  for (const [file, content] of Object.entries(generateSeedData())) {
    const target = path.join(outputDir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
    console.log(`wrote ${path.relative(process.cwd(), target)} (${content.length} bytes)`);
  }
}
