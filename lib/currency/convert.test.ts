import { describe, expect, it } from "vitest";
import { convertToBase } from "./convert-to-base";
import { divRoundHalfAwayFromZero } from "./decimal";
import { formatMoney } from "./format-money";
import { minorToDecimalString, toMinor } from "./money";
import { parseRate, rateSchema } from "./rate";

describe("rounding: half away from zero", () => {
  it.each([
    [5n, 10n, 1n], [15n, 10n, 2n], [25n, 10n, 3n], [35n, 10n, 4n],
    [-5n, 10n, -1n], [-15n, 10n, -2n], [-25n, 10n, -3n],
    [4n, 10n, 0n], [-4n, 10n, 0n], [6n, 10n, 1n], [-6n, 10n, -1n],
    [14999n, 10000n, 1n], [15000n, 10000n, 2n], [24999n, 10000n, 2n], [25000n, 10000n, 3n],
    [0n, 7n, 0n], [7n, 7n, 1n], [1n, 3n, 0n], [2n, 3n, 1n], [-2n, 3n, -1n], [5n, -10n, -1n],
  ])("%s / %s → %s", (n, d, q) => {
    expect(divRoundHalfAwayFromZero(n, d)).toBe(q);
  });

  it("refuses division by zero", () => {
    expect(() => divRoundHalfAwayFromZero(1n, 0n)).toThrow(RangeError);
  });
});

describe("convertToBase", () => {
  it("JPY → USD", () => {
    expect(convertToBase(1_000_000n, "JPY", "USD", "0.006712")).toBe(671_200n); // ¥1,000,000 = $6,712.00
    expect(convertToBase(1n, "JPY", "USD", "0.006712")).toBe(1n); // 0.6712¢ → 1¢
    expect(convertToBase(74n, "JPY", "USD", "0.006712")).toBe(50n); // 49.6688¢ → 50¢
  });

  it("BHD → EUR (3 decimals to 2)", () => {
    expect(convertToBase(1234n, "BHD", "EUR", "2.4355")).toBe(301n); // 1.234 BHD = 3.005407 EUR → 3.01
    expect(convertToBase(1n, "BHD", "EUR", "2.4355")).toBe(0n); // 0.2436¢ → 0
    expect(convertToBase(-1234n, "BHD", "EUR", "2.4355")).toBe(-301n);
  });

  it("to a base with fewer or more decimals", () => {
    expect(convertToBase(1234n, "USD", "JPY", "151.25")).toBe(1866n); // $12.34 = ¥1866.425 → ¥1866
    expect(convertToBase(10000n, "CLF", "CLP", "38000.12")).toBe(38000n); // 1.0000 CLF
    expect(convertToBase(100n, "EUR", "KWD", "0.3321")).toBe(332n); // €1.00 = 0.3321 KWD → 0.332
  });

  it("rounds exact halves away from zero, both signs", () => {
    // 1 JPY at 0.005 USD = 0.5¢; half-to-even would give 0, 2, 2 for 1, 3, 5 yen.
    expect(convertToBase(1n, "JPY", "USD", "0.005")).toBe(1n);
    expect(convertToBase(3n, "JPY", "USD", "0.005")).toBe(2n);
    expect(convertToBase(5n, "JPY", "USD", "0.005")).toBe(3n);
    expect(convertToBase(-1n, "JPY", "USD", "0.005")).toBe(-1n);
    expect(convertToBase(-5n, "JPY", "USD", "0.005")).toBe(-3n);
    expect(convertToBase(1n, "EUR", "USD", "0.5")).toBe(1n); // 0.5¢
    expect(convertToBase(1n, "EUR", "USD", "0.499999999999")).toBe(0n);
  });

  it("is exact for huge amounts and long rates (no floating point)", () => {
    const big = 9_007_199_254_740_993n; // 2^53 + 1: not representable as a double
    expect(convertToBase(big, "USD", "EUR", "1")).toBe(big);
    expect(convertToBase(big, "JPY", "JPY", "123")).toBe(big);
    expect(convertToBase(123456789012345678n, "EUR", "USD", "1.000000000001")).toBe(123456789012469135n);
  });

  it("accepts safe-integer numbers, refuses fractional ones", () => {
    expect(convertToBase(100, "EUR", "USD", "1.1")).toBe(110n);
    expect(() => convertToBase(1.5, "EUR", "USD", "1.1")).toThrow(/not an integer amount/);
    expect(() => toMinor(2 ** 53)).toThrow(RangeError);
  });
});

describe("parseRate", () => {
  it.each([
    ["1.0842", "1.0842"], ["0.006712000", "0.006712"], ["001.5", "1.5"], ["1350", "1350"], [" 2 ", "2"],
    [".5", "0.5"], ["+1.25", "1.25"], ["0.123456789012000", "0.123456789012"], ["999999999999.999999999999", "999999999999.999999999999"],
  ])("%j → %s", (text, rate) => {
    expect(parseRate(text)).toEqual({ ok: true, rate });
  });

  it.each([
    ["", /empty/], ["0", /greater than zero/], ["0.000", /greater than zero/], ["-1.2", /plain positive/], ["1,08", /comma/],
    ["1e-5", /plain positive/], ["abc", /plain positive/], ["0.0000000000001", /more than 12 decimals/],
    ["1234567890123", /more than 12 digits before/], ["1.2.3", /plain positive/],
  ])("%j is refused", (text, message) => {
    const r = parseRate(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it("zod schema accepts plain numbers from forms", () => {
    expect(rateSchema.parse(1.25)).toBe("1.25");
    expect(rateSchema.safeParse(1e-7).success).toBe(false);
  });
});

describe("formatting", () => {
  const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");
  it("minor units as a decimal string with the currency's decimals", () => {
    expect(minorToDecimalString(123456n, "USD")).toBe("1234.56");
    expect(minorToDecimalString(5, "USD")).toBe("0.05");
    expect(minorToDecimalString(-5n, "USD")).toBe("-0.05");
    expect(minorToDecimalString(1234n, "JPY")).toBe("1234");
    expect(minorToDecimalString(1234n, "BHD")).toBe("1.234");
    expect(minorToDecimalString(1n, "CLF")).toBe("0.0001");
  });

  it("formatMoney per locale, exactly", () => {
    expect(formatMoney(123456n, "USD")).toBe("$1,234.56");
    expect(plain(formatMoney(123456n, "EUR", "de-DE"))).toBe("1.234,56 €");
    expect(formatMoney(-1200n, "USD")).toBe("-$12.00");
    expect(formatMoney(1234n, "JPY")).toBe("¥1,234");
    expect(plain(formatMoney(1234n, "BHD"))).toBe("BHD 1.234");
    expect(formatMoney(9223372036854775807n, "JPY")).toBe("¥9,223,372,036,854,775,807");
    expect(formatMoney(900719925474099312n, "USD")).toBe("$9,007,199,254,740,993.12");
    // Intl thinks ISK has 0 digits too, but e.g. IQD/LYD get ISO's 3 decimals here.
    expect(plain(formatMoney(1500n, "IQD"))).toBe("IQD 1.500");
  });
});
