// Exchange rates as exact decimal strings. rateToBase = units of the base currency per
// one unit of the currency (EUR→USD 1.0842 means 1 EUR = 1.0842 USD), stored as
// Decimal(24,12): at most 12 digits before and 12 after the point.
import { z } from "zod";
import { parsePlainDecimal, scaledToString, type ScaledDecimal } from "./decimal";

export const RATE_MAX_INTEGER_DIGITS = 12;
export const RATE_MAX_DECIMALS = 12;

export type ParseRateResult = { ok: true; rate: string } | { ok: false; code: "invalid_rate"; message: string };

/**
 * Validates a rate written with "." as the decimal point ("1.0842", "0.006712", "1350")
 * and returns it normalised (no leading/trailing zeros). Commas, exponents, signs,
 * zero and more than 12 significant decimals are refused: a rate is never guessed or rounded.
 */
export function parseRate(text: string): ParseRateResult {
  const t = String(text ?? "").trim();
  const fail = (message: string): ParseRateResult => ({ ok: false, code: "invalid_rate", message });
  if (!t) return fail("The rate is empty");
  if (/^\d+,\d+$/.test(t)) return fail(`Rate ${JSON.stringify(t)} uses a comma; write rates with "." as the decimal point`);
  if (!/^\+?(\d+\.?\d*|\.\d+)$/.test(t)) return fail(`Rate ${JSON.stringify(t)} is not a plain positive decimal number like 1.0842`);
  const d = parsePlainDecimal(t.replace(/^\+/, ""))!;
  if (d.units <= 0n) return fail("The rate must be greater than zero");
  if (d.scale > RATE_MAX_DECIMALS) return fail(`Rate ${JSON.stringify(t)} has more than ${RATE_MAX_DECIMALS} decimals`);
  const intDigits = (d.units / 10n ** BigInt(d.scale)).toString().length;
  if (intDigits > RATE_MAX_INTEGER_DIGITS) return fail(`Rate ${JSON.stringify(t)} has more than ${RATE_MAX_INTEGER_DIGITS} digits before the point`);
  return { ok: true, rate: scaledToString(d.units, d.scale) };
}

/** zod schema for a rate (string, or a number typed in a form), giving the normalised string. */
export const rateSchema = z.union([z.string(), z.number()]).transform((v, ctx) => {
  // A JS number is only accepted when its shortest decimal form is plain (no exponent).
  const r = parseRate(typeof v === "number" ? String(v) : v);
  if (!r.ok) {
    ctx.addIssue({ code: "custom", message: r.message });
    return z.NEVER;
  }
  return r.rate;
});

/** A normalised rate string as an exact scaled integer. */
export function rateToScaled(rate: string): ScaledDecimal {
  const d = parsePlainDecimal(rate);
  if (!d || d.units <= 0n) throw new RangeError(`Not a rate: ${rate}`);
  return d;
}

/** A Prisma Decimal (or anything with toFixed()) as a normalised rate string. */
export function decimalToRate(value: { toFixed(): string } | string): string {
  const text = typeof value === "string" ? value : value.toFixed();
  const d = parsePlainDecimal(text);
  if (!d) throw new RangeError(`Not a decimal: ${text}`);
  return scaledToString(d.units, d.scale);
}
