// Money is an integer count of the currency's minor unit (bigint), never a float.
import { currencyExponent } from "./currency-code";

/** PostgreSQL bigint range: the largest amountMinor we store. */
export const MAX_MINOR = 2n ** 63n - 1n;

/** A bigint, or a number that is a safe integer, as bigint; anything else throws. */
export function toMinor(value: bigint | number): bigint {
  if (typeof value === "bigint") return value;
  if (!Number.isSafeInteger(value)) throw new RangeError(`${value} is not an integer amount of minor units`);
  return BigInt(value);
}

/** Minor units as a plain decimal string with exactly the currency's decimals: (123456n, "USD") → "1234.56". */
export function minorToDecimalString(minor: bigint | number, currency: string): string {
  const exponent = currencyExponent(currency);
  const m = toMinor(minor);
  const negative = m < 0n;
  const digits = (negative ? -m : m).toString().padStart(exponent + 1, "0");
  const int = digits.slice(0, digits.length - exponent);
  const frac = digits.slice(digits.length - exponent);
  return `${negative ? "-" : ""}${int}${exponent ? `.${frac}` : ""}`;
}
