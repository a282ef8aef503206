// Canonical records: what every import format (Jointflows CSV, Dreamdata NDJSON/CSV, later CRM
// pulls) is mapped to before it touches the database, plus the content hash that decides
// new / changed / unchanged and the field-level diff shown in the import review.
import { hash } from "node:crypto";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** Extra business fields without a column of their own (project_type, description, Dreamdata CRM fields…). */
export type Properties = { [key: string]: JsonValue };

/** Where a record came from: provenance, never part of the content hash. */
export interface RecordOrigin {
  /** File name as the caller named it (e.g. "deals.csv"). */
  file: string;
  /** 1-based physical line where the record starts. */
  line: number;
}

/** Account fields carried on a deals.csv row (they win over accounts.csv — see mergeAccount). */
export interface InlineAccount {
  externalId: string;
  name: string | null;
  url: string | null;
  industry: string | null;
}

export interface CanonicalDeal extends RecordOrigin {
  externalId: string;
  name: string;
  stage: string | null;
  pipeline: string | null;
  /** Owner email, lowercased. */
  owner: string | null;
  /** Integer minor units of `currency`. */
  amountMinor: bigint | null;
  /** ISO 4217 code, uppercase. */
  currency: string | null;
  /** 'YYYY-MM-DD'. */
  closeDate: string | null;
  /** When the source says the deal was created, UTC 'YYYY-MM-DDTHH:MM:SSZ' (Dreamdata's created_date); absent: not said. */
  sourceCreatedAt?: string | null;
  accountExternalId: string | null;
  /** Present when the deal row carried at least one account field. Hashed with the account, not the deal. */
  account?: InlineAccount;
  /** People the record names (Dreamdata's contact_id / email / emails), staged as contacts of its account. Hashed with them, not the deal. */
  contacts?: CanonicalContact[];
  properties: Properties;
}

export interface CanonicalAccount extends RecordOrigin {
  externalId: string;
  name: string;
  url: string | null;
  industry: string | null;
  properties: Properties;
}

export interface CanonicalContact extends RecordOrigin {
  externalId: string;
  accountExternalId: string | null;
  firstName: string | null;
  lastName: string | null;
  /** Lowercased. */
  email: string | null;
  role: string | null;
  phone: string | null;
  linkedinUrl: string | null;
  reportsToExternalId: string | null;
  /** The account's primary contact (Exact's mainContact, a Dreamdata stage object's first e-mail); absent: not said. */
  isPrimary?: boolean;
  properties: Properties;
}

/**
 * Fields that are not business content: provenance (a row moving to another line is not a
 * change) and the deal's inline account and contacts (they belong to, and are hashed with, those records).
 */
export const NON_CONTENT_FIELDS: ReadonlySet<string> = new Set(["file", "line", "account", "contacts"]);

/** The record without provenance: what the content hash and the diff look at. */
export function contentFields(record: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (!NON_CONTENT_FIELDS.has(key) && value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * Deterministic JSON: object keys sorted at every depth, undefined members dropped, bigint
 * written as a plain integer literal (amountMinor 123n → 123), -0 as 0. Two records with the
 * same content always give the same text, whatever order their fields were built in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return value.toString();
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
      return Object.is(value, -0) ? "0" : JSON.stringify(value);
    case "object": {
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? "null" : canonicalJson(item))).join(",")}]`;
      return canonicalObject(value as Record<string, unknown>, null);
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
  }
}

// Built member by member: an import hashes every row, and entries/filter/map/join arrays per
// record were most of the garbage an import made.
function canonicalObject(value: Record<string, unknown>, leaveOut: ReadonlySet<string> | null): string {
  let json = "{";
  // Default sort order is UTF-16 code unit order, as canonical keys need.
  for (const key of Object.keys(value).sort()) {
    const member = value[key];
    if (member === undefined || leaveOut?.has(key)) continue;
    json += `${json.length > 1 ? "," : ""}${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${json}}`;
}

/** sha256 (hex) of the record's business content. Stored with each row; equal hash ⇒ unchanged. */
export function contentHash(record: object): string {
  // canonicalJson(contentFields(record)) without the intermediate object; one-shot hash, no Hash object per row.
  return hash("sha256", canonicalObject(record as Record<string, unknown>, NON_CONTENT_FIELDS), "hex");
}

export interface FieldChange {
  /** Top-level field ("amountMinor") or a property ("properties.description"). */
  field: string;
  /** JSON-safe (bigint as a decimal string) so the diff can be stored as JSON as it is. null when absent. */
  before: JsonValue;
  after: JsonValue;
}

/**
 * Field-level before → after between two versions of a record (provenance ignored).
 * Properties are compared key by key so the review shows "properties.description", not the whole object.
 */
export function diffFields(before: object | null | undefined, after: object | null | undefined): FieldChange[] {
  const a = contentFields(before ?? {});
  const b = contentFields(after ?? {});
  const changes: FieldChange[] = [];
  const keys = unionKeys(b, a);
  for (const key of keys) {
    if (key === "properties" && isPlainObject(a[key] ?? {}) && isPlainObject(b[key] ?? {})) {
      const pa = (a[key] ?? {}) as Record<string, unknown>;
      const pb = (b[key] ?? {}) as Record<string, unknown>;
      for (const pkey of unionKeys(pb, pa).sort()) pushIfChanged(`properties.${pkey}`, pa[pkey], pb[pkey]);
      continue;
    }
    pushIfChanged(key, a[key], b[key]);
  }
  return changes;

  function pushIfChanged(field: string, x: unknown, y: unknown) {
    const left = x === undefined ? null : x;
    const right = y === undefined ? null : y;
    if (canonicalJson(left) !== canonicalJson(right)) changes.push({ field, before: toJsonSafe(left), after: toJsonSafe(right) });
  }
}

function unionKeys(first: Record<string, unknown>, second: Record<string, unknown>): string[] {
  const keys = Object.keys(first);
  for (const key of Object.keys(second)) if (!(key in first)) keys.push(key);
  return keys;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** bigint → decimal string, Date → ISO string, recursively; everything else as is. */
export function toJsonSafe(value: unknown): JsonValue {
  if (value === undefined || value === null) return null;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJsonSafe);
  if (typeof value === "object") {
    const out: { [key: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJsonSafe(v);
    return out;
  }
  return value as JsonValue;
}
