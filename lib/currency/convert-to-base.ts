import { getCurrency } from "./currency-code";
import { divRoundHalfAwayFromZero, pow10 } from "./decimal";
import { toMinor } from "./money";
import { rateToScaled } from "./rate";

/**
 * Converts minor units of `currency` to minor units of `baseCurrency` with
 * rateToBase (base units per 1 unit of currency, a decimal string), exactly:
 *
 *   baseMinor = minor × rate × 10^(exp(base) − exp(currency))
 *
 * computed as one bigint division, rounded once, half away from zero (see decimal.ts).
 * Same currency → the amount unchanged (the rate is ignored).
 */
export function convertToBase(minor: bigint | number, currency: string, baseCurrency: string, rateToBase: string): bigint {
  const from = getCurrency(currency);
  const to = getCurrency(baseCurrency);
  const m = toMinor(minor);
  if (from.code === to.code) return m;
  const rate = rateToScaled(rateToBase);
  const numerator = m * rate.units * pow10(to.exponent);
  const denominator = pow10(from.exponent + rate.scale);
  return divRoundHalfAwayFromZero(numerator, denominator);
}
