// Parsing human-written amounts into integer minor units, exactly.
//
// Accepted: "1234", "1,234.56", "1.234,56", "$1,234.56", "€ 1 234,56", "1'234.50",
// "12,34,567.89" (Indian grouping), "-12", "− 12", "(12.00)" (negative), "12.00 EUR",
// "USD 12". Group separators: ",", ".", space (incl. no-break/thin spaces), "'".
//
// Which separator is the decimal one (unless options.decimalSeparator says):
//  - both "." and "," present → the last one is decimal ("1.234,56", "1,234.56");
//  - one of them, several times → grouping ("1,234,567");
//  - one of them once, after space/apostrophe grouping → decimal ("1 234,56");
//  - one of them once, not followed by exactly 3 digits, or after a leading 0 → decimal
//    ("12,5", "0.125");
//  - one of them once, followed by exactly 3 digits ("1,234") → grouping when the
//    currency has fewer than 3 decimals (a decimal reading would not be a valid
//    amount), otherwise (BHD, KWD, CLF…) ambiguous and rejected.
// Extra decimals beyond the currency's exponent are accepted only when they are zeros
// ("12.340" USD); otherwise rejected — parsing never rounds.
import { CURRENCIES } from "./iso4217";
import { findCurrency } from "./currency-code";
import { MAX_MINOR } from "./money";

export type ParseMoneyOptions = { decimalSeparator?: "." | "," };

export type ParseMoneyCode =
  | "empty"
  | "unknown_currency"
  | "invalid"
  | "ambiguous"
  | "too_many_decimals"
  | "currency_mismatch"
  | "out_of_range";

export type ParseMoneyResult =
  | { ok: true; minor: bigint; currency: string }
  | { ok: false; code: ParseMoneyCode; message: string };

const dollarsAndPesos = [...CURRENCIES.values()].filter((c) => / (Dollar|Peso)\b|^Peso\b/.test(c.name)).map((c) => c.code);

/** Symbols we recognise next to an amount, and the currencies each may stand for. */
const SYMBOLS: Record<string, readonly string[]> = {
  $: dollarsAndPesos,
  US$: ["USD"],
  "U$S": ["USD"],
  CA$: ["CAD"],
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

const fail = (code: ParseMoneyCode, message: string): ParseMoneyResult => ({ ok: false, code, message });
const quote = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Parses `text` as an amount of `currency` in minor units. Never rounds, never guesses. */
export function parseMoney(text: string, currency: string, options: ParseMoneyOptions = {}): ParseMoneyResult {
  const info = findCurrency(currency);
  if (!info) return fail("unknown_currency", `${quote(currency)} is not an ISO 4217 currency code`);
  const shown = quote(text.trim());
  let s = text.normalize("NFKC").replace(/\s+/g, " ").trim();
  if (!s) return fail("empty", "The amount is empty");

  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1].trim();
  }

  const core = /[.,]?\d(?:[\d.,' ’]*\d)?/.exec(s);
  if (!core) return fail("invalid", `${shown} is not an amount: it has no digits`);
  const prefix = s.slice(0, core.index).trim();
  const suffix = s.slice(core.index + core[0].length).trim();

  if (/^[.,]/.test(suffix)) return fail("invalid", `${shown} has nothing after its decimal separator`);
  const pre = /^([+\-−])?\s*([^\d\s+\-−]*)\s*([+\-−])?$/.exec(prefix);
  if (!pre || (pre[1] && pre[3]) || !/^[^\d\s+\-−]*$/.test(suffix)) {
    return fail("invalid", `${shown} is not an amount: unexpected ${quote(pre ? suffix : prefix)} around the number`);
  }
  const sign = pre[1] ?? pre[3];
  if (sign && negative) return fail("invalid", `${shown} has both parentheses and a sign`);
  if (sign === "-" || sign === "−") negative = true;

  const markers = [pre[2], suffix].filter(Boolean);
  if (markers.length > 1) return fail("invalid", `${shown} names a currency twice`);
  if (markers.length === 1) {
    const marker = markers[0];
    const upper = marker.toUpperCase();
    const codes = CURRENCIES.has(upper) ? [upper] : SYMBOLS[marker];
    if (!codes) return fail("invalid", `${shown} is not an amount: ${quote(marker)} is not a currency symbol or code`);
    if (!codes.includes(info.code)) {
      return fail("currency_mismatch", `${shown} is marked ${quote(marker)} but the currency is ${info.code}`);
    }
  }

  const number = core[0];
  const exponent = info.exponent;
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
    if (rest.length > 1) dec = null;
    else if (/[ '’]/.test(number)) dec = c;
    else if (rest[0].length !== 3 || intPart === "" || /^0+$/.test(intPart) || intPart.length > 3) dec = c;
    else if (exponent >= 3) {
      return fail(
        "ambiguous",
        `${shown} is ambiguous: ${quote(c)} could separate thousands or the ${exponent} decimals of ${info.code}; set the decimal separator`,
      );
    } else dec = null;
  } else {
    dec = null;
  }

  const parts = dec ? number.split(dec) : [number];
  if (parts.length > 2) return fail("invalid", `${shown} has more than one decimal separator ${quote(dec!)}`);
  let [intRaw, fracRaw = ""] = parts;
  if (parts.length === 2 && fracRaw === "") return fail("invalid", `${shown} has nothing after its decimal separator`);
  if (!/^\d*$/.test(fracRaw)) {
    return fail("invalid", `${shown} is not an amount with ${quote(dec!)} as the decimal separator`);
  }
  if (intRaw === "") intRaw = "0";
  if (!/^\d+$/.test(intRaw)) {
    const groupChars = new Set(intRaw.replace(/\d/g, "").replace(/’/g, "'"));
    const g = [...groupChars][0];
    const ok =
      groupChars.size === 1 &&
      g !== dec &&
      (new RegExp(`^\\d{1,3}(?:${escape(g)}\\d{3})+$`).test(intRaw.replace(/’/g, "'")) ||
        new RegExp(`^\\d{1,2}(?:${escape(g)}\\d{2})*${escape(g)}\\d{3}$`).test(intRaw.replace(/’/g, "'")));
    if (!ok) {
      return fail(
        "invalid",
        options.decimalSeparator
          ? `${shown} is not an amount with ${quote(options.decimalSeparator)} as the decimal separator`
          : `${shown} has misplaced digit grouping`,
      );
    }
    intRaw = intRaw.replace(/\D/g, "");
  }

  if (fracRaw.length > exponent) {
    if (!/^0+$/.test(fracRaw.slice(exponent))) {
      const allowed = exponent === 0 ? `${info.code} has no decimals` : `${info.code} has ${exponent}`;
      return fail("too_many_decimals", `${shown} has ${fracRaw.length} decimals; ${allowed}`);
    }
    fracRaw = fracRaw.slice(0, exponent);
  }
  const magnitude = BigInt(intRaw + fracRaw.padEnd(exponent, "0"));
  if (magnitude > MAX_MINOR) return fail("out_of_range", `${shown} is too large`);
  return { ok: true, minor: negative ? -magnitude : magnitude, currency: info.code };
}
