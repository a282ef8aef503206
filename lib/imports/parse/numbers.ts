// Localised numbers and money. Money becomes integer minor units (bigint) using the currency's
// exponent, computed on decimal digits — never through a float — so "1.234,56" EUR is exactly 123456.
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

/** A decimal number as digit strings (no float involved). */
export interface DecimalParts {
  negative: boolean;
  integer: string;
  fraction: string;
  percent: boolean;
  currencyInValue: string | null;
}

// Symbols that name one currency, and those that do not ($, ¥, kr…: several currencies use them).
const CURRENCY_SYMBOLS: [string, string | null][] = [
  ["US$", "USD"], ["CA$", "CAD"], ["C$", "CAD"], ["A$", "AUD"], ["AU$", "AUD"], ["NZ$", "NZD"], ["R$", "BRL"],
  ["HK$", "HKD"], ["S$", "SGD"], ["€", "EUR"], ["£", "GBP"], ["₹", "INR"], ["₽", "RUB"], ["₩", "KRW"],
  ["₺", "TRY"], ["₪", "ILS"], ["₫", "VND"], ["₱", "PHP"], ["zł", "PLN"], ["Kč", "CZK"], ["$", null], ["¥", null],
  ["kr.", null], ["kr", null],
];
// BigInt column in PostgreSQL.
const MAX_MINOR = 9_223_372_036_854_775_807n;

/** Splits a written number into sign, digits, percent and any currency written with it. */
export function parseDecimal(input: string, options: NumberOptions & { maxFractionDigits?: number } = {}): Normalised<DecimalParts> {
  let text = input.trim();
  if (text === "") return fail("missing_value", "is empty");
  if (/^\d+$/.test(text)) {
    // The common case on big files: a bare integer.
    return ok({ negative: false, integer: text.replace(/^0+(?=\d)/, ""), fraction: "", percent: false, currencyInValue: null });
  }
  let negative = false;
  let percent = false;
  let currencyInValue: string | null = null;
  let sawCurrency = false;

  if (text.startsWith("(") && text.endsWith(")")) {
    // Accounting notation for negatives: (1,234.56)
    negative = true;
    text = text.slice(1, -1).trim();
  }
  // Peel signs, currency markers and the percent sign off both ends until only the number is left
  // (skipped when both ends are already digits).
  const bareDigitsAtEnds = isDigit(text.charCodeAt(0)) && isDigit(text.charCodeAt(text.length - 1));
  for (let changed = !bareDigitsAtEnds; changed; ) {
    const before = text;
    if (/^[-−]/.test(text)) [negative, text] = [true, text.slice(1)];
    else if (/[-−]$/.test(text)) [negative, text] = [true, text.slice(0, -1)];
    else if (text.startsWith("+")) text = text.slice(1);
    else if (text.endsWith("%")) [percent, text] = [true, text.slice(0, -1)];
    else {
      const currency = stripCurrency(text);
      if (currency) {
        if (sawCurrency && currency.code !== currencyInValue) return fail("invalid_amount", `${show(input)} names two currencies`);
        sawCurrency = true;
        currencyInValue = currency.code;
        text = currency.rest;
      }
    }
    text = text.trim();
    changed = text !== before;
  }
  if (text === "") return fail("invalid_amount", `${show(input)} has no digits`);

  if (text.includes("e") || text.includes("E")) {
    const scientific = /^(\d+)(?:\.(\d+))?[eE]([+-]?\d+)$/.exec(text);
    if (!scientific) return fail("invalid_amount", `${show(input)} is not a number`);
    const digits = scientific[1] + (scientific[2] ?? "");
    const point = scientific[1].length + Number(scientific[3]);
    if (Math.abs(Number(scientific[3])) > 30) return fail("invalid_amount", `${show(input)} is out of range`);
    const padded = point <= 0 ? "0".repeat(1 - point) + digits : digits.padEnd(point, "0");
    const at = Math.max(point, 1);
    return ok({ negative, integer: padded.slice(0, at), fraction: padded.slice(at), percent, currencyInValue });
  }

  const split = splitDecimal(text, options);
  if (!split.ok) return fail("invalid_amount", `${show(input)} ${split.message}`);
  const { integer, fraction } = split.value;
  return ok({ negative, integer, fraction, percent, currencyInValue });
}

function show(input: string): string {
  return JSON.stringify(input.trim());
}

function stripCurrency(t: string): { code: string | null; rest: string } | null {
  const code = /^([A-Za-z]{3})(?=[\s\d.,(+-])/.exec(t) ?? /(?<=[\s\d.,)%-])([A-Za-z]{3})$/.exec(t);
  if (code) {
    return { code: code[1].toUpperCase(), rest: code.index === 0 ? t.slice(3) : t.slice(0, code.index) };
  }
  for (const [symbol, iso] of CURRENCY_SYMBOLS) {
    if (t.startsWith(symbol)) return { code: iso, rest: t.slice(symbol.length) };
    if (t.endsWith(symbol)) return { code: iso, rest: t.slice(0, -symbol.length) };
  }
  return null;
}

function isGroupOnly(code: number): boolean {
  // space, no-break space, narrow no-break space, thin space, figure space, apostrophes
  return code === 0x20 || code === 0xa0 || code === 0x202f || code === 0x2009 || code === 0x2007 || code === 0x27 || code === 0x2019 || code === 0x09;
}

/**
 * Decides which of "." / "," is the decimal separator and checks the digit grouping, in one
 * scan (this runs once per amount on million-row files).
 */
function splitDecimal(t: string, opts: NumberOptions & { maxFractionDigits?: number }): Normalised<{ integer: string; fraction: string }> {
  let dots = 0;
  let commas = 0;
  let lastDot = -1;
  let lastComma = -1;
  let lastGroupOnly = -1;
  let digits = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (isDigit(c)) digits++;
    else if (c === 46) [dots, lastDot] = [dots + 1, i];
    else if (c === 44) [commas, lastComma] = [commas + 1, i];
    else if (isGroupOnly(c)) lastGroupOnly = i;
    else return fail("invalid_amount", "is not a number");
  }
  if (digits === 0) return fail("invalid_amount", "is not a number");

  let decimal: "." | "," | null = null;
  if (opts.decimalSeparator) {
    decimal = (opts.decimalSeparator === "." ? dots : commas) > 0 ? opts.decimalSeparator : null;
  } else if (dots > 0 && commas > 0) {
    decimal = lastDot > lastComma ? "." : ",";
  } else if (dots + commas > 0) {
    const sep = dots > 0 ? "." : ",";
    const at = dots > 0 ? lastDot : lastComma;
    if (dots + commas > 1) decimal = null; // a repeated separator is grouping: 1.234.567
    else if (lastGroupOnly !== -1) decimal = sep; // "1 234,56": spaces group, so the separator is decimal
    else if (at >= 1 && at <= 3 && t.length - at - 1 === 3 && t.charCodeAt(0) !== 48) {
      // "1.234" / "1,234": thousands, or three decimals? Only a currency with fewer than three
      // decimals settles it (thousands); otherwise it needs the source's decimal separator.
      const max = opts.maxFractionDigits;
      if (max !== undefined && max < 3) decimal = null;
      else return fail("invalid_amount", `could be ${t.replace(/[.,]/, "")} or ${t.replace(",", ".")}; set the source's decimal separator`);
    } else decimal = sep;
  }

  const point = decimal === null ? -1 : t.lastIndexOf(decimal);
  if (point !== -1 && t.indexOf(decimal!) !== point) return fail("invalid_amount", `has more than one decimal separator "${decimal}"`);
  const end = point === -1 ? t.length : point;
  // Integer part: digits in groups of three after the first (1.234.567 / 1 234 567 / 1'234).
  let integer = "";
  let groupLength = 0;
  let groups = 1;
  for (let i = 0; i < end; i++) {
    const c = t.charCodeAt(i);
    if (isDigit(c)) {
      groupLength++;
      continue;
    }
    if (groups === 1 ? groupLength < 1 || groupLength > 3 : groupLength !== 3) return fail("invalid_amount", "has digit groups that are not thousands");
    integer += t.slice(i - groupLength, i);
    groupLength = 0;
    groups++;
  }
  if (groups > 1 && groupLength !== 3) return fail("invalid_amount", "has digit groups that are not thousands");
  integer += t.slice(end - groupLength, end);
  const fraction = point === -1 ? "" : t.slice(point + 1);
  for (let i = 0; i < fraction.length; i++) {
    if (!isDigit(fraction.charCodeAt(i))) return fail("invalid_amount", "has separators after the decimal separator");
  }
  return ok({ integer: integer.replace(/^0+(?=\d)/, "") || "0", fraction });
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
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
 * "(12.00)", "EUR 12", JSON numbers. Percentages are refused: they are not amounts.
 */
export function normaliseMoney(input: string | number, options: MoneyOptions): Normalised<MoneyValue> {
  const { exponent } = options;
  if (!Number.isInteger(exponent) || exponent < 0 || exponent > 6) {
    throw new RangeError(`currency exponent must be an integer 0–6, got ${exponent}`);
  }
  let parsed: Normalised<DecimalParts>;
  if (typeof input === "number") {
    if (!Number.isFinite(input)) return fail("invalid_amount", `${input} is not a number`);
    if (Number.isSafeInteger(input)) return ok({ minor: BigInt(input) * 10n ** BigInt(exponent), currencyInValue: null, rounded: false });
    // String(n) is the shortest text that round-trips, so 0.1 stays "0.1"; a number has "." as its decimal point.
    parsed = parseDecimal(String(input), { decimalSeparator: "." });
  } else {
    parsed = parseDecimal(input, { decimalSeparator: options.decimalSeparator, maxFractionDigits: exponent });
  }
  if (!parsed.ok) return parsed;
  const { negative, integer, fraction, percent, currencyInValue } = parsed.value;
  if (percent) return fail("invalid_amount", `${JSON.stringify(String(input).trim())} is a percentage, not an amount`);

  const kept = fraction.slice(0, exponent).padEnd(exponent, "0");
  const dropped = fraction.slice(exponent);
  let minor = BigInt(integer + kept);
  if (dropped !== "" && dropped[0] >= "5") minor += 1n;
  if (minor > MAX_MINOR) return fail("invalid_amount", `${JSON.stringify(String(input).trim())} is too large`);
  return ok({ minor: negative && minor !== 0n ? -minor : minor, currencyInValue, rounded: /[1-9]/.test(dropped) });
}
