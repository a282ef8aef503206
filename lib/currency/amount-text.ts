// THE reader of written amounts in Dealport: one set of rules for separators, digit grouping,
// signs, currency symbols and codes, rounding and range. Two public functions are policies on
// top of it, and nothing else parses money text:
//  - parseMoney (./parse-money.ts): an amount typed for a known currency; never rounds.
//  - normaliseMoney / normaliseNumber / parseDecimal (lib/imports/parse/numbers.ts): imported
//    cells; may round machine-written floats and read "1.5E3".
// The rules are documented in docs/currency.md ("Parsing amounts").
import { CURRENCIES } from "./iso4217";
import { divRoundHalfAwayFromZero, pow10 } from "./decimal";
import { MAX_MINOR } from "./money";

export type AmountTextOptions = {
  /** The source's decimal separator; without it the separator is inferred (docs/currency.md). */
  decimalSeparator?: "." | ",";
  /**
   * Decimals of the amount's currency, when known: a lone "1,234" / "1.234" is then thousands
   * below 3 decimals. Unknown, or 3 and more, it is ambiguous and refused.
   */
  exponent?: number;
  /**
   * The amount's ISO code, when known: named in messages, and a symbol or code written in the
   * text must fit it ("€12" as USD is `currency_mismatch`; "$" fits any dollar or peso).
   */
  currency?: string;
  /** Accept exponent notation ("1.5E3", "1e-7"), as programs write floats. Off for typed text. */
  exponentNotation?: boolean;
};

/** A written number as digit strings (no float involved). */
export type AmountText = {
  negative: boolean;
  /** Digits before the decimal separator, without grouping or leading zeros ("0" at least). */
  integer: string;
  /** Digits after it, as written ("" when none). */
  fraction: string;
  /** Ended in "%". */
  percent: boolean;
  /** The currency symbol or code written next to the number ("€", "usd", "kr."), or null. */
  marker: string | null;
};

export type AmountTextCode = "empty" | "invalid" | "ambiguous" | "currency_mismatch";
export type MoneyTextCode = AmountTextCode | "too_many_decimals" | "out_of_range";

export type AmountTextResult = { ok: true; value: AmountText } | { ok: false; code: AmountTextCode; message: string };

const dollarsAndPesos = [...CURRENCIES.values()].filter((c) => / (Dollar|Peso)\b|^Peso\b/.test(c.name)).map((c) => c.code);

/** Symbols we recognise next to an amount, and the currencies each may stand for. */
const SYMBOLS: Record<string, readonly string[]> = {
  $: dollarsAndPesos,
  US$: ["USD"],
  "U$S": ["USD"],
  CA$: ["CAD"],
  C$: ["CAD", "NIO"],
  A$: ["AUD"],
  AU$: ["AUD"],
  NZ$: ["NZD"],
  HK$: ["HKD"],
  S$: ["SGD"],
  MX$: ["MXN"],
  NT$: ["TWD"],
  R$: ["BRL"],
  "€": ["EUR"],
  "£": ["GBP", "GIP", "FKP", "SHP", "EGP"],
  "¥": ["JPY", "CNY"],
  "₹": ["INR"],
  "₩": ["KRW", "KPW"],
  "₽": ["RUB"],
  "₺": ["TRY"],
  "₪": ["ILS"],
  "₫": ["VND"],
  "฿": ["THB"],
  "₴": ["UAH"],
  "₦": ["NGN"],
  "₱": ["PHP"],
  "₡": ["CRC"],
  "₭": ["LAK"],
  "₮": ["MNT"],
  "₸": ["KZT"],
  "₼": ["AZN"],
  "₾": ["GEL"],
  zł: ["PLN"],
  kr: ["SEK", "NOK", "DKK", "ISK"],
  "kr.": ["DKK", "ISK"],
  Kč: ["CZK"],
  Ft: ["HUF"],
  "Fr.": ["CHF"],
  R: ["ZAR"],
  RM: ["MYR"],
  Rp: ["IDR"],
  lei: ["RON"],
};

/** Symbols that fit several currencies but, written alone, mean this one. */
const USUAL: Record<string, string> = { "£": "GBP", C$: "CAD" };

/** The currencies a marker may stand for (an ISO code stands for itself); null when it is neither. */
export function currenciesForMarker(marker: string): readonly string[] | null {
  const upper = marker.toUpperCase();
  if (CURRENCIES.has(upper)) return [upper];
  return Object.hasOwn(SYMBOLS, marker) ? SYMBOLS[marker] : null;
}

/**
 * The one currency a marker names by itself: an ISO code, a symbol of one currency, or the usual
 * currency of "£" / "C$"; null for "$", "¥", "kr"… Three letters that are not an ISO code are
 * returned uppercased, for the caller to report as unknown.
 */
export function currencyNamedBy(marker: string | null): string | null {
  if (marker === null) return null;
  const codes = currenciesForMarker(marker);
  if (codes) return codes.length === 1 ? codes[0] : (USUAL[marker] ?? null);
  return /^[A-Za-z]{3}$/.test(marker) ? marker.toUpperCase() : null;
}

/** The text quoted for messages (long text cut). */
export const quoteAmount = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
/** The quoted text, computed only when a message needs it (this runs once per imported amount). */
const lazyQuote = (text: string) => () => quoteAmount(text);
const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const GROUPING = new Map<string, RegExp[]>();
/** Thousands ("1,234,567") and Indian lakh/crore ("12,34,567") grouping with separator `g`. */
function groupingPatterns(g: string): RegExp[] {
  let patterns = GROUPING.get(g);
  if (!patterns) {
    const e = escape(g);
    patterns = [new RegExp(`^\\d{1,3}(?:${e}\\d{3})+$`), new RegExp(`^\\d{1,2}(?:${e}\\d{2})*${e}\\d{3}$`)];
    GROUPING.set(g, patterns);
  }
  return patterns;
}
const fail = (code: AmountTextCode, message: string): AmountTextResult => ({ ok: false, code, message });
const NON_ASCII = /[^\u0000-\u007f]/;
const BARE_INTEGER = /^\d+$/;
const MINUS = /^[-−]$/;
const NOTHING: readonly (string | undefined)[] = ["", undefined, "", undefined];

/**
 * Reads a written number: sign (leading "-"/"−"/"+", trailing "-", or parentheses), one currency
 * symbol or code before or after it, a trailing "%", and the digits with their separators.
 */
export function readAmountText(text: string, options: AmountTextOptions = {}): AmountTextResult {
  const trimmed = text.trim();
  // The common case on big files: a bare integer.
  if (BARE_INTEGER.test(trimmed)) {
    return { ok: true, value: { negative: false, integer: trimmed.replace(/^0+(?=\d)/, ""), fraction: "", percent: false, marker: null } };
  }
  const shown = lazyQuote(trimmed);
  // NFKC: full-width digits, no-break and thin spaces → ASCII. Only needed beyond ASCII.
  let s = (NON_ASCII.test(trimmed) ? trimmed.normalize("NFKC") : trimmed).replace(/\s+/g, " ").trim();
  if (!s) return fail("empty", "is empty");

  let parentheses = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    parentheses = true;
    s = paren[1].trim();
  }

  const core = /[.,]?\d(?:[\d.,' ’]*\d)?/.exec(s);
  if (!core) return fail("invalid", `${shown()} is not an amount: it has no digits`);
  let number = core[0];
  const prefix = s.slice(0, core.index).trim();
  let after = s.slice(core.index + number.length);

  let scientific: string | null = null;
  if (options.exponentNotation && after !== "") {
    const e = /^[eE]([+-]?\d+)/.exec(after);
    if (e) [scientific, after] = [e[1], after.slice(e[0].length)];
  }
  const suffix = after.trim();

  if (/^[.,]/.test(suffix)) return fail("invalid", `${shown()} has nothing after its decimal separator`);
  // Sign, marker, sign around the number; skipped when nothing is there (most amounts).
  const pre = prefix === "" ? NOTHING : /^([+\-−])?\s*([^\d\s+\-−]*)\s*([+\-−])?$/.exec(prefix);
  if (!pre || (pre[1] && pre[3])) return fail("invalid", `${shown()} is not an amount: unexpected ${quoteAmount(prefix)} around the number`);
  const post = suffix === "" ? NOTHING : /^([-−])?\s*([^\d\s+\-−]*)\s*([-−])?$/.exec(suffix);
  if (!post) return fail("invalid", `${shown()} is not an amount: unexpected ${quoteAmount(suffix)} around the number`);
  const signs = [pre[1], pre[3], post[1], post[3]].filter(Boolean);
  if (signs.length > 1) return fail("invalid", `${shown()} has more than one sign`);
  if (signs.length && parentheses) return fail("invalid", `${shown()} has both parentheses and a sign`);
  const negative = parentheses || MINUS.test(signs[0] ?? "");

  const percent = post[2] === "%";
  const markers = [pre[2], percent ? "" : post[2]].filter(Boolean);
  if (markers.length > 1) return fail("invalid", `${shown()} names a currency twice`);
  const marker = markers[0] ?? null;
  if (marker !== null) {
    const codes = currenciesForMarker(marker);
    // Three letters that are no ISO code pass only when the currency is not known here: the caller reports them.
    if (!codes && (options.currency !== undefined || !/^[A-Za-z]{3}$/.test(marker))) {
      return fail("invalid", `${shown()} is not an amount: ${quoteAmount(marker)} is not a currency symbol or code`);
    }
    if (codes && options.currency !== undefined && !codes.includes(options.currency)) {
      return fail("currency_mismatch", `${shown()} is marked ${quoteAmount(marker)} but the currency is ${options.currency}`);
    }
  }

  if (scientific !== null) {
    const mantissa = /^(\d+)(?:\.(\d+))?$/.exec(number);
    const power = Number(scientific);
    if (!mantissa) return fail("invalid", `${shown()} is not a number`);
    if (Math.abs(power) > 30) return fail("invalid", `${shown()} is out of range`);
    const digits = mantissa[1] + (mantissa[2] ?? "");
    const point = mantissa[1].length + power;
    const padded = point <= 0 ? "0".repeat(1 - point) + digits : digits.padEnd(point, "0");
    const at = Math.max(point, 1);
    number = at < padded.length ? `${padded.slice(0, at)}.${padded.slice(at)}` : padded;
    options = { ...options, decimalSeparator: "." };
  }

  const split = splitNumber(number, shown, options);
  if (!split.ok) return split;
  return { ok: true, value: { negative, ...split.value, percent, marker } };
}

/** Decides the decimal separator and checks the digit grouping. */
function splitNumber(
  number: string,
  shown: () => string,
  options: AmountTextOptions,
): { ok: true; value: { integer: string; fraction: string } } | { ok: false; code: AmountTextCode; message: string } {
  const { exponent } = options;
  let dec: "." | "," | null;
  const hasDot = number.includes(".");
  const hasComma = number.includes(",");
  if (options.decimalSeparator) {
    dec = options.decimalSeparator;
  } else if (hasDot && hasComma) {
    dec = number.lastIndexOf(".") > number.lastIndexOf(",") ? "." : ",";
  } else if (hasDot || hasComma) {
    const c = hasDot ? "." : ",";
    const [intPart, ...rest] = number.split(c);
    if (rest.length > 1) dec = null; // repeated: grouping ("1,234,567")
    else if (/[ '’]/.test(number)) dec = c; // "1 234,56": spaces group, so this one is decimal
    else if (rest[0].length !== 3 || intPart === "" || /^0+$/.test(intPart) || intPart.length > 3) dec = c;
    else if (exponent === undefined || exponent >= 3) {
      const decimals = exponent === undefined ? "" : ` (${options.currency ?? "the currency"} has ${exponent} decimals)`;
      return fail(
        "ambiguous",
        `${shown()} is ambiguous: it could be ${intPart}${rest[0]} or ${intPart}.${rest[0]}${decimals}; set the decimal separator`,
      );
    } else dec = null; // "1,234" USD: a decimal reading would not be a valid amount
  } else {
    dec = null;
  }

  const parts = dec ? number.split(dec) : [number];
  if (parts.length > 2) return fail("invalid", `${shown()} has more than one decimal separator ${quoteAmount(dec!)}`);
  const fraction = parts[1] ?? "";
  let intRaw = parts[0];
  if (parts.length === 2 && fraction === "") return fail("invalid", `${shown()} has nothing after its decimal separator`);
  if (!/^\d*$/.test(fraction)) return fail("invalid", `${shown()} is not an amount with ${quoteAmount(dec!)} as the decimal separator`);
  if (intRaw === "") intRaw = "0";
  if (!/^\d+$/.test(intRaw)) {
    // One grouping character; groups of three ("1,234,567"), or Indian lakh/crore ("12,34,567").
    const grouped = intRaw.includes("’") ? intRaw.replace(/’/g, "'") : intRaw;
    const [thousands, indian] = groupingPatterns(grouped[/^\d+/.exec(grouped)?.[0].length ?? 0]);
    const ok = thousands.test(grouped) || indian.test(grouped);
    if (!ok) {
      return fail(
        "invalid",
        options.decimalSeparator
          ? `${shown()} is not an amount with ${quoteAmount(options.decimalSeparator)} as the decimal separator`
          : `${shown()} has misplaced digit grouping`,
      );
    }
    intRaw = intRaw.replace(/\D/g, "");
  }
  return { ok: true, value: { integer: intRaw.replace(/^0+(?=\d)/, ""), fraction } };
}

export type MoneyTextOptions = AmountTextOptions & {
  exponent: number;
  /**
   * More decimals than the currency has: "reject" (unless they are zeros: "12.340" USD), or
   * "round" half away from zero (decimal.ts), as for floats a program wrote.
   */
  extraDecimals: "reject" | "round";
};

export type MoneyTextResult =
  | { ok: true; minor: bigint; rounded: boolean; marker: string | null }
  | { ok: false; code: MoneyTextCode; message: string };

/** Reads a written amount as integer minor units of a currency with `exponent` decimals. Never a float. */
export function readMoneyText(text: string, options: MoneyTextOptions): MoneyTextResult {
  const read = readAmountText(text, options);
  if (!read.ok) return read;
  const { negative, integer, fraction, percent, marker } = read.value;
  const shown = lazyQuote(text.trim());
  if (percent) return { ok: false, code: "invalid", message: `${shown()} is a percentage, not an amount` };

  const { exponent } = options;
  let magnitude: bigint;
  let rounded = false;
  if (fraction.length <= exponent) {
    magnitude = BigInt(integer + fraction.padEnd(exponent, "0"));
  } else {
    rounded = /[1-9]/.test(fraction.slice(exponent));
    if (rounded && options.extraDecimals === "reject") {
      const code = options.currency ?? "the currency";
      const allowed = exponent === 0 ? `${code} has no decimals` : `${code} has ${exponent}`;
      return { ok: false, code: "too_many_decimals", message: `${shown()} has ${fraction.length} decimals; ${allowed}` };
    }
    magnitude = divRoundHalfAwayFromZero(BigInt(integer + fraction), pow10(fraction.length - exponent));
  }
  if (magnitude > MAX_MINOR) return { ok: false, code: "out_of_range", message: `${shown()} is too large` };
  return { ok: true, minor: negative ? -magnitude : magnitude, rounded, marker };
}
