// Exact decimal helpers on bigint. No floating point touches money or rates.

export const pow10 = (n: number): bigint => 10n ** BigInt(n);

/**
 * THE rounding rule for money in Dealport: round half away from zero
 * ("commercial rounding": 0.5 → 1, 1.5 → 2, 2.5 → 3, −2.5 → −3). It is what Excel's
 * ROUND and the EU euro-conversion rules (Regulation 1103/97, art. 5) do, so a user
 * checking a conversion by hand gets the same cents. Documented in docs/currency.md.
 */
export function divRoundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError("division by zero");
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let q = n / d;
  const r = n % d;
  if (r * 2n >= d) q += 1n;
  return negative ? -q : q;
}

/** A non-negative decimal as an unscaled integer and scale: "12.340" → { units: 1234n, scale: 2 }. */
export type ScaledDecimal = { units: bigint; scale: number };

/** Parses a plain decimal ("12", "0.5", "12.340", "-3.2"); trailing zeros are dropped. Null if not one. */
export function parsePlainDecimal(text: string): ScaledDecimal | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m || (m[2] === "" && !m[3])) return null;
  const frac = (m[3] ?? "").replace(/0+$/, "");
  const units = BigInt((m[2] || "0") + frac);
  return { units: m[1] === "-" ? -units : units, scale: frac.length };
}

/** Formats units/10^scale as a plain decimal string without trailing zeros ("1234", "0.0067", "-1.5"). */
export function scaledToString(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale).replace(/0+$/, "");
  return `${negative ? "-" : ""}${int}${frac ? `.${frac}` : ""}`;
}
