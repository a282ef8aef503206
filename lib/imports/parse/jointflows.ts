// Jointflows flat files (docs/contracts/jointflows-flat-files.md): deals.csv, accounts.csv,
// contacts.csv → canonical records. Column order does not matter, header names match
// case-insensitively after trimming, unknown columns are ignored (reported once as info).
import { AppError } from "@/lib/errors";
import type { CanonicalAccount, CanonicalContact, CanonicalDeal, InlineAccount, Properties } from "@/lib/imports/canonical";
import type { ByteSource } from "./decode";
import { CellReader } from "./cells";
import { readCsvFormat, type CsvFormat, type CsvRow, type FormatReadOptions, type ImportBatch } from "./csv-format";
import { normaliseDate, type DateOrder } from "./dates";
import { normaliseMoney } from "./numbers";
import { rowProblem, quoteValue, type ImportProblem } from "./problems";
import { normaliseEmail, normaliseUrl } from "./text";

export interface JointflowsReadOptions extends FormatReadOptions {
  /**
   * Keep columns the format does not know in `properties` (default false). Off because the
   * format says extra columns are ignored, and because an exporter's volatile extra column
   * (e.g. "last_modified") would otherwise mark every deal "changed" on every import.
   */
  keepExtraColumns?: boolean;
}

export interface JointflowsDealsOptions extends JointflowsReadOptions {
  /** How the source writes n/n/yyyy dates; unset → such dates are rejected when ambiguous. */
  dateOrder?: DateOrder;
  /** Force the decimal separator of `value` when the source is known to use one. */
  decimalSeparator?: "." | ",";
  /** Currency when the row has none (the format: "taken from the platform settings"). */
  defaultCurrency?: string;
  /** Minor-unit exponent of a currency code (lib/currency's ISO 4217 table); undefined = unknown currency. */
  exponentOf: (currency: string) => number | undefined;
}

export const JOINTFLOWS_DEAL_COLUMNS = {
  required: ["name", "target_close_date", "owner_email", "value", "deal_unique_id", "account_unique_id"],
  optional: [
    "deal_stage",
    "pipeline_id",
    "project_type",
    "description",
    "account_name",
    "account_url",
    "account_industry",
    // Not in the format: lets a multi-currency export say which currency `value` is in.
    "currency",
  ],
} as const;

export const JOINTFLOWS_ACCOUNT_COLUMNS = {
  required: ["name", "unique_id", "url"],
  optional: ["industry"],
} as const;

export const JOINTFLOWS_CONTACT_COLUMNS = {
  required: ["first_name", "last_name", "email_address", "account_unique_id", "contact_unique_id"],
  optional: ["role", "phone_number", "linkedin_url", "reports_to_id"],
} as const;

/** deals.csv → CanonicalDeal batches. */
export function parseJointflowsDeals(source: ByteSource, options: JointflowsDealsOptions): AsyncGenerator<ImportBatch<CanonicalDeal>> {
  const defaultCurrency = options.defaultCurrency?.trim().toUpperCase() || null;
  if (defaultCurrency !== null && options.exponentOf(defaultCurrency) === undefined) {
    // A configuration mistake, not a data problem: refuse before reading instead of rejecting every row.
    throw new AppError("bad_request", `Default currency "${options.defaultCurrency}" is not a known ISO 4217 currency`);
  }
  const readDate = (raw: string) => normaliseDate(raw, { dateOrder: options.dateOrder });

  const format: CsvFormat<CanonicalDeal> = {
    ...JOINTFLOWS_DEAL_COLUMNS,
    idColumn: "deal_unique_id",
    idOf: (deal) => deal.externalId,
    mapRow(row) {
      const cells = new CellReader(row);
      const externalId = cells.requiredText("deal_unique_id");
      const name = cells.requiredText("name");
      const closeDate = cells.required("target_close_date", readDate);
      const owner = cells.required("owner_email", normaliseEmail);
      const amount = dealAmount(row, cells, defaultCurrency, options);
      const accountExternalId = cells.requiredText("account_unique_id");
      const accountName = cells.optionalText("account_name");
      const accountUrl = cells.optional("account_url", normaliseUrl);
      const accountIndustry = cells.optionalText("account_industry");
      if (!cells.ok) return { record: null, problems: cells.problems };

      const properties: Properties = options.keepExtraColumns ? { ...row.extras() } : {};
      const projectType = cells.optionalText("project_type");
      const description = cells.optionalText("description");
      if (projectType !== null) properties.project_type = projectType;
      if (description !== null) properties.description = description;

      const deal: CanonicalDeal = {
        externalId,
        name,
        stage: cells.optionalText("deal_stage"),
        pipeline: cells.optionalText("pipeline_id"),
        owner,
        amountMinor: amount.minor,
        currency: amount.currency,
        closeDate,
        accountExternalId,
        properties,
        file: row.file,
        line: row.line,
      };
      if (accountName !== null || accountUrl !== null || accountIndustry !== null) {
        deal.account = { externalId: accountExternalId, name: accountName, url: accountUrl, industry: accountIndustry };
      }
      return { record: deal, problems: cells.problems };
    },
  };
  return readCsvFormat(source, format, options);
}

/** accounts.csv → CanonicalAccount batches. */
export function parseJointflowsAccounts(source: ByteSource, options: JointflowsReadOptions): AsyncGenerator<ImportBatch<CanonicalAccount>> {
  const format: CsvFormat<CanonicalAccount> = {
    ...JOINTFLOWS_ACCOUNT_COLUMNS,
    idColumn: "unique_id",
    idOf: (account) => account.externalId,
    mapRow(row) {
      const cells = new CellReader(row);
      const externalId = cells.requiredText("unique_id");
      const name = cells.requiredText("name");
      // The column is required by the format, the value is not: it only feeds the brand icon, and
      // rejecting the account would leave its deals without an account name.
      const url = cells.optional("url", normaliseUrl);
      if (!cells.ok) return { record: null, problems: cells.problems };
      return {
        record: {
          externalId,
          name,
          url,
          industry: cells.optionalText("industry"),
          properties: options.keepExtraColumns ? { ...row.extras() } : {},
          file: row.file,
          line: row.line,
        },
        problems: cells.problems,
      };
    },
  };
  return readCsvFormat(source, format, options);
}

/** contacts.csv → CanonicalContact batches. */
export function parseJointflowsContacts(source: ByteSource, options: JointflowsReadOptions): AsyncGenerator<ImportBatch<CanonicalContact>> {
  const format: CsvFormat<CanonicalContact> = {
    ...JOINTFLOWS_CONTACT_COLUMNS,
    idColumn: "contact_unique_id",
    idOf: (contact) => contact.externalId,
    mapRow(row) {
      const cells = new CellReader(row);
      const externalId = cells.requiredText("contact_unique_id");
      const accountExternalId = cells.requiredText("account_unique_id");
      const email = cells.required("email_address", normaliseEmail);
      const firstName = cells.optionalText("first_name");
      const lastName = cells.optionalText("last_name");
      // Both name columns are required; a person may have only one name, so one value is enough.
      if (firstName === null && lastName === null) {
        cells.error("first_name", "missing_value", `and ${row.columnName("last_name")} are both empty; at least one is required`);
      }
      const linkedinUrl = cells.optional("linkedin_url", normaliseUrl);
      if (!cells.ok) return { record: null, problems: cells.problems };
      return {
        record: {
          externalId,
          accountExternalId,
          firstName,
          lastName,
          email,
          role: cells.optionalText("role"),
          phone: cells.optionalText("phone_number"),
          linkedinUrl,
          reportsToExternalId: cells.optionalText("reports_to_id"),
          properties: options.keepExtraColumns ? { ...row.extras() } : {},
          file: row.file,
          line: row.line,
        },
        problems: cells.problems,
      };
    },
  };
  return readCsvFormat(source, format, options);
}

/**
 * The deal's amount and currency. Currency precedence: the row's currency column, then a
 * currency written in the value ("€1.234", "1.234 EUR"), then the default currency. A value
 * naming another currency than the currency column is a row problem.
 */
function dealAmount(
  row: CsvRow,
  cells: CellReader,
  defaultCurrency: string | null,
  options: JointflowsDealsOptions,
): { minor: bigint | null; currency: string | null } {
  const none = { minor: null, currency: null };
  const columnCurrency = row.get("currency").trim().toUpperCase() || null;
  if (columnCurrency !== null && (!/^[A-Z]{3}$/.test(columnCurrency) || options.exponentOf(columnCurrency) === undefined)) {
    cells.error("currency", "unknown_currency", `${quoteValue(columnCurrency)} is not a known ISO 4217 currency code`);
    return none;
  }
  const raw = row.get("value");
  if (raw.trim() === "") {
    cells.error("value", "missing_value", "is required but empty");
    return none;
  }

  // Parse with the currency we expect; if the value names another currency, parse again with its exponent.
  const tentative = columnCurrency ?? defaultCurrency;
  const tentativeExponent = (tentative === null ? undefined : options.exponentOf(tentative)) ?? 2;
  const first = normaliseMoney(raw, { exponent: tentativeExponent, decimalSeparator: options.decimalSeparator });
  if (!first.ok) {
    cells.error("value", first.code, first.message);
    return none;
  }
  const written = first.value.currencyInValue;
  if (written !== null && columnCurrency !== null && written !== columnCurrency) {
    cells.error("value", "currency_mismatch", `${quoteValue(raw.trim())} is in ${written} but ${row.columnName("currency")} says ${columnCurrency}`);
    return none;
  }
  const currency = columnCurrency ?? written ?? defaultCurrency;
  if (currency === null) {
    cells.error("value", "missing_value", "has no currency: add a currency column or set the source's default currency");
    return none;
  }
  const exponent = options.exponentOf(currency);
  if (exponent === undefined) {
    cells.error("value", "unknown_currency", `${quoteValue(raw.trim())} is in ${currency}, which is not a known ISO 4217 currency`);
    return none;
  }
  if (exponent === tentativeExponent) return { minor: first.value.minor, currency };
  const again = normaliseMoney(raw, { exponent, decimalSeparator: options.decimalSeparator });
  if (!again.ok) {
    cells.error("value", again.code, again.message);
    return none;
  }
  return { minor: again.value.minor, currency };
}

// ---------------------------------------------------------------------------------------------
// Account merge: "the integration will try within deals.csv first and follow with accounts.csv.
// Account data in deals.csv takes precedence if present."

/**
 * One account from accounts.csv and the account fields carried by deals.csv rows: each field
 * from the deals wins when it has a value, accounts.csv fills the rest. Null when there is no
 * name anywhere (an account cannot exist without one). Pure.
 */
export function mergeAccount(
  fromAccountsFile: CanonicalAccount | undefined,
  fromDeals: (InlineAccount & { file: string; line: number }) | undefined,
): CanonicalAccount | null {
  const externalId = fromDeals?.externalId ?? fromAccountsFile?.externalId;
  const name = fromDeals?.name ?? fromAccountsFile?.name ?? null;
  if (externalId === undefined || name === null) return null;
  // Provenance: accounts.csv when the account is there (its line describes the account), else the deal row.
  const origin = fromAccountsFile ?? fromDeals!;
  return {
    externalId,
    name,
    url: fromDeals?.url ?? fromAccountsFile?.url ?? null,
    industry: fromDeals?.industry ?? fromAccountsFile?.industry ?? null,
    properties: fromAccountsFile?.properties ?? {},
    file: origin.file,
    line: origin.line,
  };
}

/**
 * Folds the account fields of deal rows per account (later rows win field by field) and
 * merges them with accounts.csv. Each iterable is read once, in order, so either can be a
 * generator (e.g. over a staging table). Warns when deals disagree about an account, and when a deal
 * points at an account that has no name anywhere (that account is left out; the deal keeps
 * its accountExternalId). Holds one entry per account — fine for the ~200k accounts of a
 * 1M-deal drop.
 */
export function mergeAccounts(
  accounts: Iterable<CanonicalAccount>,
  deals: Iterable<CanonicalDeal>,
): { accounts: CanonicalAccount[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const inline = new Map<string, InlineAccount & { file: string; line: number; lines: Record<string, number> }>();
  const firstReference = new Map<string, { file: string; line: number }>();

  for (const deal of deals) {
    if (deal.accountExternalId !== null && !firstReference.has(deal.accountExternalId)) {
      firstReference.set(deal.accountExternalId, { file: deal.file, line: deal.line });
    }
    const fields = deal.account;
    if (!fields) continue;
    const seen = inline.get(fields.externalId);
    if (!seen) {
      const lines: Record<string, number> = {};
      for (const key of ["name", "url", "industry"] as const) if (fields[key] !== null) lines[key] = deal.line;
      inline.set(fields.externalId, { ...fields, file: deal.file, line: deal.line, lines });
      continue;
    }
    const conflicts: string[] = [];
    let firstConflict: "name" | "url" | "industry" | null = null;
    for (const key of ["name", "url", "industry"] as const) {
      const value = fields[key];
      if (value === null) continue;
      if (seen[key] !== null && seen[key] !== value) {
        conflicts.push(`account_${key} ${quoteValue(seen[key]!)} on line ${seen.lines[key]} vs ${quoteValue(value)}`);
        firstConflict ??= key;
      }
      seen[key] = value;
      seen.lines[key] = deal.line;
    }
    seen.file = deal.file;
    seen.line = deal.line;
    if (conflicts.length > 0) {
      problems.push(
        rowProblem(deal.file, deal.line, "account_conflict", `Deals disagree about account ${quoteValue(fields.externalId)}: ${conflicts.join("; ")}; line ${deal.line} wins`, {
          severity: "warning",
          column: `account_${firstConflict}`,
        }),
      );
    }
  }

  const merged: CanonicalAccount[] = [];
  const fromFile = new Set<string>();
  for (const account of accounts) {
    fromFile.add(account.externalId);
    const result = mergeAccount(account, inline.get(account.externalId));
    if (result) merged.push(result);
  }
  for (const [externalId, fields] of inline) {
    if (fromFile.has(externalId)) continue;
    const result = mergeAccount(undefined, fields);
    if (result) merged.push(result);
  }
  for (const [externalId, at] of firstReference) {
    if (fromFile.has(externalId) || inline.get(externalId)?.name) continue;
    problems.push(
      rowProblem(
        at.file,
        at.line,
        "account_without_name",
        `Account ${quoteValue(externalId)} is not in accounts.csv and no deal row gives its account_name, so it was not created; the deal is imported without an account`,
        { severity: "warning", column: "account_unique_id" },
      ),
    );
  }
  return { accounts: merged, problems };
}
