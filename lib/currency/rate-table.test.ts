import { describe, expect, it } from "vitest";
import { buildRateTable, pickRate, toIsoDate, type RateRow } from "./rate-table";

const rows: RateRow[] = [
  { currency: "EUR", validFrom: "2024-03-01", rateToBase: "1.09" },
  { currency: "EUR", validFrom: "2024-01-01", rateToBase: "1.1" },
  { currency: "EUR", validFrom: new Date("2024-02-01T00:00:00Z"), rateToBase: "1.08" },
  { currency: "jpy", validFrom: "2024-01-01", rateToBase: "0.0067" },
];

describe("rate lookup: latest on or before the date", () => {
  const table = buildRateTable(rows, "USD");

  it.each([
    ["2024-01-01", "1.1", "2024-01-01"],
    ["2024-01-31", "1.1", "2024-01-01"],
    ["2024-02-01", "1.08", "2024-02-01"],
    ["2024-02-29", "1.08", "2024-02-01"],
    ["2024-03-01", "1.09", "2024-03-01"],
    ["2099-12-31", "1.09", "2024-03-01"],
  ])("EUR on %s → %s (from %s)", (date, rate, validFrom) => {
    expect(table.lookup("EUR", date)).toEqual({ ok: true, currency: "EUR", rate, validFrom });
  });

  it("accepts Dates and date-times (UTC day)", () => {
    expect(table.lookup("eur", new Date("2024-02-01T23:59:59Z"))).toMatchObject({ rate: "1.08" });
    expect(table.lookup("EUR", "2024-01-31T23:00:00Z")).toMatchObject({ rate: "1.1" });
    expect(toIsoDate(new Date("2024-05-06T00:00:00Z"))).toBe("2024-05-06");
    expect(() => toIsoDate("06/05/2024")).toThrow(/Not an ISO date/);
  });

  it("before the first rate, or with no rates at all, is a typed no-rate", () => {
    expect(table.lookup("EUR", "2023-12-31")).toEqual({
      ok: false,
      reason: "no_rate",
      currency: "EUR",
      date: "2023-12-31",
      message: "No EUR→USD rate on or before 2023-12-31 (the first one is from 2024-01-01)",
    });
    expect(table.lookup("GBP", "2024-06-01")).toMatchObject({ ok: false, reason: "no_rate", message: "No GBP→USD rate" });
    expect(table.lookup("XYZ", "2024-06-01")).toMatchObject({ ok: false, reason: "unknown_currency" });
    expect(table.convert(1000n, "GBP", "2024-06-01")).toMatchObject({ ok: false, reason: "no_rate" });
  });

  it("the base currency is always 1", () => {
    expect(table.lookup("USD", "1990-01-01")).toEqual({ ok: true, currency: "USD", rate: "1", validFrom: null });
    expect(table.convert(1234n, "USD", "1990-01-01")).toEqual({ ok: true, baseMinor: 1234n, baseCurrency: "USD", rate: "1", validFrom: null });
  });

  it("converts with the rate in force", () => {
    expect(table.convert(100_000n, "EUR", "2024-02-15")).toEqual({
      ok: true,
      baseMinor: 108_000n,
      baseCurrency: "USD",
      rate: "1.08",
      validFrom: "2024-02-01",
    });
    expect(table.convert(1_000_000n, "JPY", "2024-02-15")).toMatchObject({ ok: true, baseMinor: 670_000n });
  });

  it("pickRate is the one-off form", () => {
    expect(pickRate(rows, "EUR", "2024-02-10", "USD")).toMatchObject({ ok: true, rate: "1.08" });
    expect(pickRate([], "EUR", "2024-02-10", "EUR")).toMatchObject({ ok: true, rate: "1" });
  });
});
