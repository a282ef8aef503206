// Localised numbers and money in imported cells. Money becomes integer minor units (bigint) using
// the currency's exponent, computed on decimal digits — never through a float — so "1.234,56" EUR
// is exactly 123456. The reading itself (separators, grouping, signs, currency symbols) is
// lib/currency's, shared with parseMoney: see lib/currency/amount-text.ts and docs/currency.md.
// What is particular to imports: floats a program wrote are rounded (half away from zero) and
// may use exponent notation, and a currency written in the value is reported, not checked.
import { currencyNamedBy, readAmountText, readMoneyText, type AmountText, type AmountTextResult, type MoneyTextResult } from "@/lib/currency/amount-text";
import { fail, ok, type Normalised } from "./result";

export interface NumberOptions {
  /**
   * Force the decimal separator when a source is known to use one. Without it the separator is
   * inferred: the last of "." / "," when both appear; a separator repeated is grouping; spaces
   * and apostrophes are always grouping.
   */
  decimalSeparator?: "." | ",";
}

export interface MoneyOptions extends NumberOptions {
  /** Minor-unit exponent of the currency (ISO 4217: 2 for EUR, 0 for JPY, 3 for BHD). */
  exponent: number;
}

export interface MoneyValue {
  minor: bigint;
  /** A currency written in the value itself ("EUR 12", "12 €", "£3"), uppercase ISO code; null when none or ambiguous ("$"). */
  currencyInValue: string | null;
  /** True when the value had more decimals than the currency allows and was rounded half away from zero. */
  rounded: boolean;
}

/** A decimal number as digit strings (no float involved): lib/currency's reading, with the currency it names. */
export interface DecimalParts extends Omit<AmountText, "marker"> {
  currencyInValue: string | null;
}

/** A problem from lib/currency's reader as an import problem: empty → missing_value, the rest → invalid_amount. */
function problem(result: Extract<AmountTextResult | MoneyTextResult, { ok: false }>): Normalised<never> {
  return result.code === "empty" ? fail("missing_value", "is empty") : fail("invalid_amount", result.message);
}

/** Splits a written number into sign, digits, percent and any currency written with it. */
export function parseDecimal(input: string, options: NumberOptions & { maxFractionDigits?: number } = {}): Normalised<DecimalParts> {
  const read = readAmountText(input, { decimalSeparator: options.decimalSeparator, exponent: options.maxFractionDigits, exponentNotation: true });
  if (!read.ok) return problem(read);
  const { negative, integer, fraction, percent, marker } = read.value;
  return ok({ negative, integer, fraction, percent, currencyInValue: currencyNamedBy(marker) });
}

/** A plain number ("1.234,56", "12%" → 0.12). For counts and percentages, not money. */
export function normaliseNumber(input: string, options: NumberOptions = {}): Normalised<number> {
  const parsed = parseDecimal(input, options);
  if (!parsed.ok) return parsed;
  const { negative, integer, fraction, percent } = parsed.value;
  const value = Number(`${negative ? "-" : ""}${integer}.${fraction || "0"}`) / (percent ? 100 : 1);
  return Number.isFinite(value) ? ok(value) : fail("invalid_amount", `${JSON.stringify(input.trim())} is out of range`);
}

/**
 * Money → integer minor units. Accepts "1.234,56", "1,234.56", "$1,234.56", "€1.234", "1 234,56",
 * "12,34,567.89", "(12.00)", "12-", "EUR 12", "1.5E3", JSON numbers. Percentages are refused: they
 * are not amounts.
 */
export function normaliseMoney(input: string | number, options: MoneyOptions): Normalised<MoneyValue> {
  const { exponent } = options;
  if (!Number.isInteger(exponent) || exponent < 0 || exponent > 6) {
    throw new RangeError(`currency exponent must be an integer 0–6, got ${exponent}`);
  }
  if (typeof input === "number") {
    if (!Number.isFinite(input)) return fail("invalid_amount", `${input} is not a number`);
    if (Number.isSafeInteger(input)) return ok({ minor: BigInt(input) * 10n ** BigInt(exponent), currencyInValue: null, rounded: false });
  }
  // String(n) is the shortest text that round-trips, so 0.1 stays "0.1"; a number has "." as its decimal point.
  const read = readMoneyText(String(input), {
    exponent,
    decimalSeparator: typeof input === "number" ? "." : options.decimalSeparator,
    exponentNotation: true,
    extraDecimals: "round",
  });
  if (!read.ok) return problem(read);
  return ok({ minor: read.minor, currencyInValue: currencyNamedBy(read.marker), rounded: read.rounded });
}
