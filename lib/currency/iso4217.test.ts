import { describe, expect, it } from "vitest";
import { activeCurrencyCodeSchema, currencyCodeSchema, currencyExponent, findCurrency } from "./currency-code";
import { ACTIVE_CURRENCY_CODES, CURRENCIES } from "./iso4217";

describe("ISO 4217 table", () => {
  it.each([
    ["USD", 2], ["EUR", 2], ["GBP", 2], ["JPY", 0], ["KRW", 0], ["CLP", 0], ["ISK", 0], ["VND", 0], ["XOF", 0], ["UYI", 0],
    ["BHD", 3], ["KWD", 3], ["OMR", 3], ["TND", 3], ["JOD", 3], ["IQD", 3], ["LYD", 3],
    ["CLF", 4], ["UYW", 4],
  ])("%s has exponent %i", (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent);
  });

  it("holds every active code once, sorted, three upper-case letters, sane exponents", () => {
    expect(ACTIVE_CURRENCY_CODES.length).toBeGreaterThanOrEqual(160);
    expect([...ACTIVE_CURRENCY_CODES].sort()).toEqual(ACTIVE_CURRENCY_CODES);
    expect(new Set(ACTIVE_CURRENCY_CODES).size).toBe(ACTIVE_CURRENCY_CODES.length);
    for (const c of CURRENCIES.values()) {
      expect(c.code).toMatch(/^[A-Z]{3}$/);
      expect([0, 2, 3, 4]).toContain(c.exponent);
    }
    for (const code of ["CHF", "CNY", "INR", "BRL", "ZAR", "XCG", "ZWG", "SLE", "VES", "MRU", "STN"]) expect(findCurrency(code)).toBeDefined();
    for (const code of ["XAU", "XDR", "XXX", "XTS"]) expect(findCurrency(code)).toBeUndefined();
  });

  it("validates codes, case-insensitively, and refuses withdrawn ones where current ones are required", () => {
    expect(currencyCodeSchema.parse(" eur ")).toBe("EUR");
    expect(currencyCodeSchema.safeParse("EURO").error?.issues[0].message).toMatch(/three-letter/);
    expect(currencyCodeSchema.safeParse("ABC").error?.issues[0].message).toMatch(/not an ISO 4217 code/);
    expect(currencyCodeSchema.parse("HRK")).toBe("HRK");
    expect(activeCurrencyCodeSchema.safeParse("HRK").error?.issues[0].message).toBe("HRK was withdrawn on 2023-01-01; use EUR");
    expect(activeCurrencyCodeSchema.parse("jpy")).toBe("JPY");
    expect(() => currencyExponent("XYZ")).toThrow(/not an ISO 4217/);
  });
});
