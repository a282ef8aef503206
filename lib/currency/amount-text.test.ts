import { describe, expect, it } from "vitest";
import { currencyNamedBy, readAmountText, readMoneyText } from "./amount-text";
import { isCalendarDay, parseIsoDay } from "./iso-day";

describe("readMoneyText (shared by parseMoney and normaliseMoney)", () => {
  const money = (text: string, extraDecimals: "reject" | "round", more = {}) => readMoneyText(text, { exponent: 2, extraDecimals, ...more });

  it.each([
    ["12,34,567.89", 123456789n],
    ["1,00,000", 10000000n],
    ["12.50-", -1250n],
    ["12 EUR-", -1200n],
    ["１２", 1200n],
  ])("reads %j the same under both policies", (text, minor) => {
    expect(money(text, "reject")).toMatchObject({ ok: true, minor });
    expect(money(text, "round")).toMatchObject({ ok: true, minor });
  });

  it("rounds half away from zero only when asked", () => {
    expect(money("-0.125", "round")).toMatchObject({ ok: true, minor: -13n, rounded: true });
    expect(money("-0.125", "reject")).toMatchObject({ ok: false, code: "too_many_decimals" });
    expect(money("0.120", "reject")).toMatchObject({ ok: true, minor: 12n, rounded: false });
  });

  it("reads exponent notation only when asked", () => {
    expect(money("1.5E3", "round", { exponentNotation: true })).toMatchObject({ ok: true, minor: 150000n });
    expect(money("1.5E3", "round")).toMatchObject({ ok: false, code: "invalid" });
  });

  it.each(["--12", "(-12)", "-12-", "12.", "12,-", "EUR 12 EUR", "12%", "1 234.567,89"])("refuses %j", (text) => {
    expect(money(text, "round", { exponentNotation: true }).ok).toBe(false);
  });

  it("checks a marker against a known currency", () => {
    expect(money("C$12", "reject", { currency: "CAD" })).toMatchObject({ ok: true, minor: 1200n });
    expect(money("C$12", "reject", { currency: "USD" })).toMatchObject({ ok: false, code: "currency_mismatch" });
    expect(money("12 xyz", "reject", { currency: "USD" })).toMatchObject({ ok: false, code: "invalid" });
    expect(money("12 xyz", "round")).toMatchObject({ ok: true, marker: "xyz" });
  });
});

describe("currencyNamedBy", () => {
  it.each([
    ["€", "EUR"],
    ["usd", "USD"],
    ["£", "GBP"],
    ["C$", "CAD"],
    ["₦", "NGN"],
    ["Fr.", "CHF"],
    ["$", null],
    ["¥", null],
    ["kr", null],
    ["xyz", "XYZ"],
    [null, null],
  ])("%j → %j", (marker, code) => {
    expect(currencyNamedBy(marker)).toBe(code);
  });
});

describe("readAmountText", () => {
  it("leaves a lone 1,234 ambiguous when no exponent is known", () => {
    expect(readAmountText("1,234")).toMatchObject({ ok: false, code: "ambiguous" });
    expect(readAmountText("1,234", { exponent: 2 })).toMatchObject({ ok: true, value: { integer: "1234", fraction: "" } });
  });
});

describe("calendar days", () => {
  it("knows which days exist", () => {
    expect(isCalendarDay(2024, 2, 29)).toBe(true);
    expect(isCalendarDay(2100, 2, 29)).toBe(false);
    expect(isCalendarDay(2000, 2, 29)).toBe(true);
    expect(isCalendarDay(2025, 4, 31)).toBe(false);
    expect(isCalendarDay(2025, 13, 1)).toBe(false);
  });

  it("parseIsoDay: strict YYYY-MM-DD in 1900–2199", () => {
    expect(parseIsoDay(" 2024-02-29 ")).toBe("2024-02-29");
    expect(parseIsoDay("2023-02-29")).toBeNull();
    expect(parseIsoDay("1899-12-31")).toBeNull();
    expect(parseIsoDay("2024-2-9")).toBeNull();
  });
});
