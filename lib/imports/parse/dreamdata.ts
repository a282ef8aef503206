// Dreamdata stage objects (docs/contracts/dreamdata-stage-objects.md) → CanonicalDeal.
// NDJSON (optionally gzipped) is Dreamdata's own transport and the primary form; CSV with the
// same column names is accepted as a convenience. Both go through one mapping.
import type { CanonicalContact, CanonicalDeal, JsonValue, Properties } from "@/lib/imports/canonical";
import { findUnsafeInput, type UnsafeInput } from "@/lib/input/unsafe-input";
import type { ByteSource } from "./decode";
import { RowProblems, type RowOrigin } from "./cells";
import { fileSummary, readCsvFormat, type CsvFormat, type FileSummary, type FormatReadOptions, type ImportBatch } from "./csv-format";
import { normaliseUtcTimestamp } from "./dates";
import { duplicateIdProblem, LastWins } from "./last-wins";
import { readNdjson } from "./ndjson-reader";
import { normaliseMoney } from "./numbers";
import { rowProblem, type ImportProblem, type ProblemCode } from "./problems";
import type { ReadProgress } from "./csv-reader";
import type { Normalised } from "./result";
import { cleanText, normaliseEmail } from "./text";

export interface DreamdataReadOptions extends FormatReadOptions {
  /** "ndjson" or "csv"; default from the file name (.csv / .csv.gz → csv, anything else → ndjson). */
  format?: "ndjson" | "csv";
  /** Minor-unit exponent of a currency code (lib/currency's ISO 4217 table); undefined = unknown currency. */
  exponentOf: (currency: string) => number | undefined;
}

/** Fields with a meaning of their own; every other top-level field is kept in properties. */
export const DREAMDATA_FIELDS = [
  "id",
  "amount",
  "currency",
  "company_id",
  "email",
  "contact_id",
  "emails",
  "name",
  "created_date",
  "closed_date",
  "properties",
] as const;
const LINK_FIELDS = ["company_id", "email", "contact_id", "emails"] as const;
const DATE_FIELDS = ["created_date", "closed_date"] as const;

/** Stage objects from NDJSON (primary) or CSV → CanonicalDeal batches. */
export function parseDreamdataStageObjects(source: ByteSource, options: DreamdataReadOptions): AsyncGenerator<ImportBatch<CanonicalDeal>> {
  const format = options.format ?? (/\.csv(\.gz)?$/i.test(options.file) ? "csv" : "ndjson");
  return format === "csv" ? parseCsvForm(source, options) : parseNdjsonForm(source, options);
}

async function* parseNdjsonForm(source: ByteSource, options: DreamdataReadOptions): AsyncGenerator<ImportBatch<CanonicalDeal>> {
  const { file } = options;
  const mapper = stageObjectMapper(options);
  const kept = new LastWins<CanonicalDeal>((options.trackDuplicates ?? true) ? "track" : "collapse");
  let problems: ImportProblem[] = [];
  let rejectedIds: string[] = [];
  let progress: ReadProgress = { line: 0, rows: 0, bytesRead: 0 };
  let summary: FileSummary | undefined;

  for await (const event of readNdjson(source, options)) {
    if (event.type === "problem") {
      problems.push(event.problem);
      continue;
    }
    progress = event.progress;
    if (event.type === "end") {
      summary = fileSummary(event.progress, event.decode);
      continue;
    }
    for (const { line, text } of event.lines) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        problems.push(rowProblem(file, line, "invalid_json", `Line ${line} is not valid JSON (${(error as Error).message})`));
        continue;
      }
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        problems.push(rowProblem(file, line, "invalid_json", `Line ${line} is not a JSON object`));
        continue;
      }
      const mapped = mapper(value as Record<string, unknown>, new JsonLine(file, line, value as Record<string, unknown>));
      problems.push(...mapped.problems);
      if (!mapped.record) {
        const rejectedId = (value as Record<string, unknown>).id;
        if ((typeof rejectedId === "string" && rejectedId.trim() !== "") || typeof rejectedId === "number") rejectedIds.push(String(rejectedId).trim());
        continue;
      }
      const earlier = kept.add(mapped.record.externalId, line, mapped.record);
      if (earlier !== undefined) problems.push(duplicateIdProblem(file, line, earlier, "id", mapped.record.externalId));
    }
    yield { records: kept.takeBatch(), problems, progress, rejectedIds };
    rejectedIds = [];
    problems = [];
  }
  if (problems.length > 0 || summary) yield { records: [], problems, progress, ...(summary ? { summary } : {}) };
}

function parseCsvForm(source: ByteSource, options: DreamdataReadOptions): AsyncGenerator<ImportBatch<CanonicalDeal>> {
  const mapper = stageObjectMapper(options);
  const format: CsvFormat<CanonicalDeal> = {
    required: ["id", "amount", "currency"],
    optional: DREAMDATA_FIELDS.filter((f) => !["id", "amount", "currency"].includes(f)),
    requireOneOf: [LINK_FIELDS, DATE_FIELDS],
    keepsUnknownColumns: true,
    idColumn: "id",
    idOf: (deal) => deal.externalId,
    mapRow(row) {
      const raw: Record<string, unknown> = {};
      for (const key of DREAMDATA_FIELDS) {
        const cell = row.get(key);
        // In CSV an empty cell is an absent value.
        if (cell.trim() !== "") raw[key] = cell;
      }
      for (const [name, cell] of Object.entries(row.extras())) if (!(name.toLowerCase() in raw)) raw[name] = cell;
      return mapper(raw, row);
    },
  };
  return readCsvFormat(source, format, options);
}

/** An NDJSON line as the origin of its problems. */
class JsonLine implements RowOrigin {
  constructor(
    readonly file: string,
    readonly line: number,
    private readonly value: Record<string, unknown>,
  ) {}
  get(key: string) {
    return Object.hasOwn(this.value, key) ? this.value[key] : undefined;
  }
  columnName(key: string) {
    return key;
  }
}

/**
 * The shared mapping: a stage object (JSON values, or CSV strings) → a deal or problems.
 * The deal carries who it belongs to: company_id as its account (named by a company name
 * among the CRM properties, else by the id: Dreamdata sends none), and contact_id / email /
 * emails as contacts of that account, the first of them primary.
 */
function stageObjectMapper(options: DreamdataReadOptions) {
  // One primary contact per company: the first stage object naming the company decides it.
  const primaryOfCompany = new Map<string, string>();
  // The last record of a contact id wins when staged, so what earlier records said of the
  // person (their company, their e-mail) is carried forward rather than lost to a record
  // that names only the id.
  const known = new Map<string, { company: string | null; email: string | null }>();
  return (raw: Record<string, unknown>, at: RowOrigin): { record: CanonicalDeal | null; problems: ImportProblem[] } => {
    // No field name anywhere in the object may reach a prototype; NUL cannot be stored.
    const unsafe = findUnsafeInput(raw);
    if (unsafe) {
      const row = new RowProblems(at);
      row.add(unsafe.path.split(".")[0], unsafeProblemCode(unsafe), `${unsafe.path} ${unsafe.message}`, "error");
      return { record: null, problems: row.problems };
    }
    // Field names match case-insensitively, as CSV headers do; unknown fields go to properties.
    const input: Record<string, unknown> = {};
    const extras: Properties = {};
    for (const key in raw) {
      const value = raw[key];
      if (value === undefined) continue;
      const lower = key.toLowerCase();
      if (KNOWN_FIELDS.has(lower)) input[lower] = value;
      else extras[key] = value as JsonValue;
    }
    const row = new RowProblems(at);
    const id = readId(row, input, "id", true);
    const companyId = readId(row, input, "company_id", false);
    const contactId = readId(row, input, "contact_id", false);
    const currency = readCurrency(row, input, options);
    const amount = input.amount;
    if (isAbsent(amount)) row.error("amount", "missing_value", "is required");
    else if (typeof amount !== "number" && typeof amount !== "string") row.error("amount", "invalid_amount", "must be a number");
    const email = readEmail(row, input.email);
    const emails = readEmailList(row, input.emails);
    const name = typeof input.name === "string" || typeof input.name === "number" ? cleanText(String(input.name)) : null;
    const createdDate = readTimestamp(row, input, "created_date");
    const closedDate = readTimestamp(row, input, "closed_date");
    const properties = readProperties(row, input.properties);

    if (companyId === null && email === null && contactId === null && emails === null && !hasLinkError(row)) {
      row.add("company_id", "missing_reference", `needs one of ${LINK_FIELDS.join(", ")} to tie the stage object to a company or contact`, "error");
    }
    if (isAbsent(input.created_date) && isAbsent(input.closed_date)) {
      row.add("created_date", "missing_value", "needs created_date or closed_date (UTC, YYYY-MM-DDTHH:MM:SSZ)", "error");
    }
    let amountMinor: bigint | null = null;
    if (currency !== null && (typeof amount === "number" || typeof amount === "string")) {
      const money = normaliseMoney(amount, { exponent: options.exponentOf(currency)! });
      if (!money.ok) row.error("amount", money.code, money.message);
      else if (money.value.currencyInValue !== null && money.value.currencyInValue !== currency) {
        row.error("amount", "currency_mismatch", `is written in ${money.value.currencyInValue} but currency is ${currency}`);
      } else amountMinor = money.value.minor;
    }
    if (!row.ok || id === null || currency === null || properties === null) return { record: null, problems: row.problems };

    // Top-level fields win over same-named keys inside `properties`: they are the explicit ones.
    const allProperties: Properties = { ...properties, ...extras };
    // The stage object's own identity fields stay with the deal (a change to them is a change to it).
    if (email !== null) allProperties.email = email;
    if (contactId !== null) allProperties.contact_id = contactId;
    if (emails !== null) allProperties.emails = emails;
    if (closedDate !== null) allProperties.closed_date = closedDate;

    const contacts = contactsOf(contactId, email, emails, companyId, at);
    if (companyId !== null && contacts.length > 0 && !primaryOfCompany.has(companyId)) primaryOfCompany.set(companyId, contacts[0].externalId);
    for (const [index, contact] of contacts.entries()) {
      const before = known.get(contact.externalId);
      contact.accountExternalId ??= before?.company ?? null;
      contact.email ??= before?.email ?? null;
      known.set(contact.externalId, { company: contact.accountExternalId, email: contact.email });
      const company = contact.accountExternalId;
      contact.isPrimary = company === null ? index === 0 : primaryOfCompany.get(company) === contact.externalId;
    }
    const companyName = textOf(member(properties, "company_name")) ?? textOf(member(extras, "company_name"));

    return {
      record: {
        externalId: id,
        // Deal.name is required; Dreamdata's is optional, so the id stands in for it.
        name: name ?? id,
        // Stage, pipeline and owner drive filters and pushes: a top-level field, else the CRM property of that name.
        stage: textOf(member(extras, "stage")) ?? textOf(member(properties, "stage")),
        pipeline: textOf(member(extras, "pipeline")) ?? textOf(member(properties, "pipeline")),
        owner: textOf(member(extras, "owner")) ?? textOf(member(properties, "owner")),
        amountMinor,
        currency,
        closeDate: closedDate?.slice(0, 10) ?? null,
        sourceCreatedAt: createdDate,
        accountExternalId: companyId,
        ...(companyId !== null ? { account: { externalId: companyId, name: companyName ?? companyId, url: null, industry: null } } : {}),
        ...(contacts.length > 0 ? { contacts } : {}),
        properties: allProperties,
        file: at.file,
        line: at.line,
      },
      problems: row.problems,
    };
  };
}

/**
 * The people a stage object names: contact_id (with `email`, the purchaser's address, when
 * both are given), then each other address of `email` / `emails`, keyed by the address.
 */
function contactsOf(contactId: string | null, email: string | null, emails: string[] | null, companyId: string | null, at: RowOrigin): CanonicalContact[] {
  const person = (externalId: string, address: string | null): CanonicalContact => ({
    externalId,
    accountExternalId: companyId,
    firstName: null,
    lastName: null,
    email: address,
    role: null,
    phone: null,
    linkedinUrl: null,
    reportsToExternalId: null,
    properties: {},
    file: at.file,
    line: at.line,
  });
  const contacts: CanonicalContact[] = [];
  const taken = new Set<string>();
  if (contactId !== null) {
    contacts.push(person(contactId, email));
    if (email !== null) taken.add(email);
  }
  for (const address of [...(email !== null ? [email] : []), ...(emails ?? [])]) {
    if (taken.has(address)) continue;
    taken.add(address);
    contacts.push(person(address, address));
  }
  return contacts;
}

const KNOWN_FIELDS: ReadonlySet<string> = new Set(DREAMDATA_FIELDS);

/** Absent: missing, null, or (CSV) an empty string. */
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/** An invalid link field was already reported; "needs one of" on top would only repeat it. */
function hasLinkError(row: RowProblems): boolean {
  return row.problems.some((p) => p.severity === "error" && (LINK_FIELDS as readonly string[]).includes(p.column ?? ""));
}

/** An id: a non-empty string, or a JSON integer that is still exact. */
function readId(row: RowProblems, input: Record<string, unknown>, key: string, required: boolean): string | null {
  const value = input[key];
  if (isAbsent(value)) {
    if (required) row.error(key, "missing_value", "is required");
    return null;
  }
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  if (typeof value === "number" && Number.isInteger(value)) {
    row.error(key, "invalid_value", `${value} is too large to be an exact JSON number; send ${key} as a string`);
  } else row.error(key, "invalid_value", "must be a string");
  return null;
}

function readCurrency(row: RowProblems, input: Record<string, unknown>, options: DreamdataReadOptions): string | null {
  const value = input.currency;
  if (isAbsent(value)) {
    row.error("currency", "missing_value", "is required");
    return null;
  }
  const code = typeof value === "string" ? value.trim().toUpperCase() : "";
  if (!/^[A-Z]{3}$/.test(code) || options.exponentOf(code) === undefined) {
    row.error("currency", "unknown_currency", `${JSON.stringify(value)} is not a known ISO 4217 currency code`);
    return null;
  }
  return code;
}

function readTimestamp(row: RowProblems, input: Record<string, unknown>, key: string): string | null {
  const value = input[key];
  if (isAbsent(value)) return null;
  const result: Normalised<string> =
    typeof value === "string" ? normaliseUtcTimestamp(value) : { ok: false, code: "invalid_timestamp", message: "must be a string YYYY-MM-DDTHH:MM:SSZ" };
  if (result.ok) return result.value;
  row.error(key, result.code, result.message);
  return null;
}

/** properties: a JSON object, or (CSV, or a stringified export) JSON text of one. Null after an error. */
function readProperties(row: RowProblems, value: unknown): Properties | null {
  if (isAbsent(value)) return {};
  let parsed: unknown = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      row.error("properties", "invalid_json", `is not valid JSON (${(error as Error).message})`);
      return null;
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    row.error("properties", "invalid_json", "must be a JSON object");
    return null;
  }
  const unsafe = findUnsafeInput(parsed);
  if (unsafe) {
    row.error("properties", unsafeProblemCode(unsafe), `is refused: ${unsafe.path} ${unsafe.message}`);
    return null;
  }
  return parsed as Properties;
}

function readEmail(row: RowProblems, value: unknown): string | null {
  if (isAbsent(value)) return null;
  const result = normaliseEmail(String(value));
  if (result.ok) return result.value;
  row.warn("email", result.code, `${result.message}; it was left out`);
  return null;
}

/** emails: a JSON array, or in CSV a JSON array text or a list separated by , ; or spaces. */
function readEmailList(row: RowProblems, value: unknown): string[] | null {
  if (isAbsent(value)) return null;
  let items: unknown[];
  if (Array.isArray(value)) items = value;
  else if (typeof value === "string") {
    const text = value.trim();
    if (text.startsWith("[")) {
      try {
        const parsed: unknown = JSON.parse(text);
        items = Array.isArray(parsed) ? parsed : [text];
      } catch {
        items = text.slice(1, text.endsWith("]") ? -1 : undefined).split(/[,;\s]+/);
      }
    } else items = text.split(/[,;\s]+/);
  } else {
    row.warn("emails", "invalid_value", "must be a list of email addresses; it was left out");
    return null;
  }
  const emails: string[] = [];
  for (const item of items) {
    if (item === "" || item === null || item === undefined) continue;
    const email = normaliseEmail(String(item).replace(/^["']|["']$/g, ""));
    if (email.ok) {
      if (!emails.includes(email.value)) emails.push(email.value);
    } else row.warn("emails", email.code, `${email.message}; it was left out`);
  }
  return emails.length > 0 ? emails : null;
}

function textOf(value: JsonValue | undefined): string | null {
  if (typeof value === "string") return cleanText(value);
  if (typeof value === "number") return String(value);
  return null;
}

/** A member by case-insensitive name (CSV headers keep their spelling: "Stage"). */
function unsafeProblemCode(unsafe: UnsafeInput): ProblemCode {
  return unsafe.reason === "reserved_name" ? "reserved_name" : "invalid_value";
}

function member(object: Properties, name: string): JsonValue | undefined {
  if (name in object) return object[name];
  for (const key of Object.keys(object)) if (key.toLowerCase() === name) return object[key];
  return undefined;
}
