import { describe, expect, it } from "vitest";
import { normaliseMoney, normaliseNumber } from "./numbers";

const money = (input: string | number, exponent = 2, decimalSeparator?: "." | ",") => normaliseMoney(input, { exponent, decimalSeparator });

describe("normaliseMoney", () => {
  it.each([
    ["1.234,56", 123456n, null],
    ["1,234.56", 123456n, null],
    ["$1,234.56", 123456n, null],
    ["€1.234", 123400n, "EUR"],
    ["1 234,56", 123456n, null],
    ["1\u00A0234,56 €", 123456n, "EUR"],
    ["1\u202F234,56", 123456n, null],
    ["1'234.56", 123456n, null],
    ["1234", 123400n, null],
    ["1234.5", 123450n, null],
    ["0,5", 50n, null],
    [".5", 50n, null],
    ["1,234,567.89", 123456789n, null],
    ["1.234.567", 123456700n, null],
    ["-1,234.56", -123456n, null],
    ["(1,234.56)", -123456n, null],
    ["-$12", -1200n, null],
    ["$-12", -1200n, null],
    ["12-", -1200n, null],
    ["EUR 1.234,56", 123456n, "EUR"],
    ["1,234.56 usd", 123456n, "USD"],
    ["£3", 300n, "GBP"],
    ["1.5E3", 150000n, null],
    // Indian grouping is accepted, as by parseMoney (one rule in lib/currency/amount-text.ts).
    ["1,23,456.00", 12345600n, null],
    ["₹12,34,567.89", 123456789n, "INR"],
    ["0", 0n, null],
  ])("reads %j as %s minor units", (input, minor, currency) => {
    expect(money(input)).toEqual({ ok: true, value: { minor, currencyInValue: currency, rounded: false } });
  });

  it("uses the currency's exponent", () => {
    expect(money("1.234", 0)).toMatchObject({ ok: true, value: { minor: 1234n } });
    expect(money("1234,5", 3)).toMatchObject({ ok: true, value: { minor: 1234500n } });
    expect(money("12", 3)).toMatchObject({ ok: true, value: { minor: 12000n } });
  });

  it("refuses to guess 1.234 for a three-decimal currency unless the separator is set", () => {
    expect(money("1.234", 3)).toMatchObject({ ok: false, code: "invalid_amount" });
    expect(money("1.234", 3, ".")).toMatchObject({ ok: true, value: { minor: 1234n } });
    expect(money("1.234", 3, ",")).toMatchObject({ ok: true, value: { minor: 1234000n } });
  });

  it("rounds extra decimals half away from zero and says so", () => {
    expect(money("0.005")).toMatchObject({ ok: true, value: { minor: 1n, rounded: true } });
    // …but one separator followed by exactly three digits is thousands for a two-decimal currency.
    expect(money("1.005")).toMatchObject({ ok: true, value: { minor: 100500n, rounded: false } });
    expect(money("1234.5678")).toMatchObject({ ok: true, value: { minor: 123457n, rounded: true } });
    expect(money("-0.125")).toMatchObject({ ok: true, value: { minor: -13n, rounded: true } });
    expect(money("1.10")).toMatchObject({ ok: true, value: { minor: 110n, rounded: false } });
  });

  it("takes JSON numbers exactly, with '.' as the decimal point", () => {
    expect(money(1000)).toMatchObject({ ok: true, value: { minor: 100000n } });
    expect(money(1.234)).toMatchObject({ ok: true, value: { minor: 123n, rounded: true } });
    expect(money(0.1 + 0.2)).toMatchObject({ ok: true, value: { minor: 30n } });
    expect(money(1e21)).toMatchObject({ ok: false, code: "invalid_amount" }); // beyond a bigint column
    expect(money(Number.NaN)).toMatchObject({ ok: false, code: "invalid_amount" });
  });

  // Also refused since the reader is shared with parseMoney: two signs, a sign inside parentheses, a
  // trailing separator ("12,-" is German for 12.00, not −12), two currency markers, mixed grouping.
  it.each(["abc", "12%", "1,2,3", "1.234,567.8", "$", "1 2", "12 EUR USD", "--", "--12", "(-12)", "12.", "12,-", "EUR 12 EUR", "1 234.567,89"])("rejects %j", (input) => {
    expect(money(input)).toMatchObject({ ok: false });
  });

  it("says an empty value is missing", () => {
    expect(money("  ")).toMatchObject({ ok: false, code: "missing_value" });
  });
});

describe("normaliseNumber", () => {
  it.each([
    ["12%", 0.12],
    ["1.234,56", 1234.56],
    ["1,234.56", 1234.56],
    ["-3", -3],
    ["2,5 %", 0.025],
  ])("reads %j as %d", (input, value) => {
    expect(normaliseNumber(input)).toEqual({ ok: true, value });
  });
});
