import { describe, expect, it } from "vitest";
import { parseMoney, type ParseMoneyResult } from "./parse-money";

const ok = (r: ParseMoneyResult) => {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.minor;
};

describe("parseMoney", () => {
  it.each([
    ["1234", "USD", 123400n],
    ["1,234.56", "USD", 123456n],
    ["1.234,56", "EUR", 123456n],
    ["$1,234.56", "USD", 123456n],
    ["€ 1 234,56", "EUR", 123456n],
    ["€\u00a01\u202f234,56", "EUR", 123456n],
    ["1 234 567,89 €", "EUR", 123456789n],
    ["(12.00)", "USD", -1200n],
    ["($1,234.56)", "USD", -123456n],
    ["-12", "USD", -1200n],
    ["−12.5", "EUR", -1250n],
    ["-$12.50", "USD", -1250n],
    ["$-12.50", "USD", -1250n],
    ["+7", "USD", 700n],
    ["12.5", "USD", 1250n],
    ["12,5", "EUR", 1250n],
    [".5", "USD", 50n],
    ["0.125", "BHD", 125n],
    ["0,125", "BHD", 125n],
    ["1,234,567", "USD", 123456700n],
    ["1.234.567", "EUR", 123456700n],
    ["1'234.50", "CHF", 123450n],
    ["CHF 1'234.50", "CHF", 123450n],
    ["12,34,567.89", "INR", 123456789n],
    ["12.00 EUR", "EUR", 1200n],
    ["usd 12", "USD", 1200n],
    ["R$ 1.234,56", "BRL", 123456n],
    ["¥1,234", "JPY", 1234n],
    ["1,234", "JPY", 1234n],
    ["1.234", "USD", 123400n],
    ["1234.00", "JPY", 1234n],
    ["12.3400", "USD", 1234n],
    ["12.340", "USD", 1234000n],
    ["2,500", "USD", 250000n],
    ["1.234", "BHD", 1234n],
    ["1.5", "CLF", 15000n],
    ["0", "USD", 0n],
    ["-0", "USD", 0n],
    ["９９", "USD", 9900n],
    ["9223372036854775807", "JPY", 9223372036854775807n],
    // Shared with the import reader (lib/currency/amount-text.ts): a trailing minus, "C$".
    ["12.50-", "USD", -1250n],
    ["C$ 12", "CAD", 1200n],
  ] as const)("%j in %s → %s", (text, currency, expected) => {
    // "1.234" BHD is ambiguous; it only parses with an explicit separator.
    const options = text === "1.234" && currency === "BHD" ? { decimalSeparator: "." as const } : {};
    expect(ok(parseMoney(text, currency, options))).toBe(expected);
  });

  it("uses an explicit decimal separator", () => {
    expect(ok(parseMoney("1.234", "EUR", { decimalSeparator: "," }))).toBe(123400n);
    expect(ok(parseMoney("1,234", "BHD", { decimalSeparator: "," }))).toBe(1234n);
    expect(ok(parseMoney("1,234", "BHD", { decimalSeparator: "." }))).toBe(1234000n);
    expect(parseMoney("1.234", "EUR", { decimalSeparator: "." })).toMatchObject({ ok: false, code: "too_many_decimals" });
  });

  it.each([
    ["", "USD", "empty", /empty/],
    ["   ", "USD", "empty", /empty/],
    ["abc", "USD", "invalid", /no digits/],
    ["12abc", "USD", "invalid", /"abc" is not a currency symbol or code/],
    ["1e5", "USD", "invalid", /unexpected "e5"/],
    ["--12", "USD", "invalid", /unexpected/],
    ["(-12)", "USD", "invalid", /both parentheses and a sign/],
    ["1,23,4", "USD", "invalid", /misplaced digit grouping/],
    ["1.234.56", "USD", "invalid", /misplaced digit grouping|more than one decimal/],
    ["1,234.567.89", "USD", "invalid", /more than one decimal separator/],
    ["12 34", "USD", "invalid", /misplaced digit grouping/],
    ["12.", "USD", "invalid", /nothing after its decimal separator/],
    ["$12 EUR", "USD", "invalid", /names a currency twice/],
    ["€12", "USD", "currency_mismatch", /marked "€" but the currency is USD/],
    ["12 GBP", "EUR", "currency_mismatch", /marked "GBP"/],
    ["1,234", "BHD", "ambiguous", /ambiguous/],
    ["1.500", "KWD", "ambiguous", /set the decimal separator/],
    ["12.3456", "USD", "too_many_decimals", /4 decimals; USD has 2/],
    ["0.125", "USD", "too_many_decimals", /3 decimals; USD has 2/],
    ["1234.5", "JPY", "too_many_decimals", /JPY has no decimals/],
    ["12", "XYZ", "unknown_currency", /not an ISO 4217/],
    ["9223372036854775808", "JPY", "out_of_range", /too large/],
  ] as const)("%j in %s → %s", (text, currency, code, message) => {
    const r = parseMoney(text, currency);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.message).toMatch(message);
    }
  });

  it("an explicit separator rejects the other reading", () => {
    const r = parseMoney("1,234.56", "EUR", { decimalSeparator: "," });
    expect(r).toMatchObject({ ok: false, code: "invalid" });
    expect(!r.ok && r.message).toMatch(/with "," as the decimal separator/);
  });
});
