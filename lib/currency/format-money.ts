import { getCurrency } from "./currency-code";
import { minorToDecimalString } from "./money";

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * Formats minor units for display: formatMoney(123456n, "EUR", "de-DE") → "1.234,56 €".
 * Always shows exactly the ISO 4217 decimals (Intl's own digit data differs for a few
 * codes). The amount goes to Intl as an exact decimal string, never a float, so huge
 * amounts keep every digit.
 */
export function formatMoney(minor: bigint | number, currency: string, locale = "en-US"): string {
  const info = getCurrency(currency);
  const cacheKey = `${locale}|${info.code}`;
  let formatter = formatters.get(cacheKey);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      style: "currency",
      currency: info.code,
      minimumFractionDigits: info.exponent,
      maximumFractionDigits: info.exponent,
    });
    formatters.set(cacheKey, formatter);
  }
  return formatter.format(minorToDecimalString(minor, info.code) as `${number}`);
}
