import { describe, expect, it } from "vitest";
import { buildRateTable } from "@/lib/currency/rate-table";
import { moneyAsStaged, RatesUsedRecorder } from "./rates-used";

describe("rates a run used", () => {
  // Every rate there is; a run's deals use some of them.
  const table = buildRateTable(
    [
      { currency: "EUR", validFrom: "2020-01-01", rateToBase: "1.1" },
      { currency: "EUR", validFrom: "2027-01-01", rateToBase: "1.2" },
      { currency: "EUR", validFrom: "2028-01-01", rateToBase: "1.3" },
      { currency: "GBP", validFrom: "2020-01-01", rateToBase: "1.25" },
    ],
    "USD",
  );
  const deals = [
    { amountMinor: 100000n, currency: "EUR", closeDate: "2027-03-01" },
    { amountMinor: 5000n, currency: "EUR", closeDate: "2027-06-30" },
    { amountMinor: 2000n, currency: "EUR", closeDate: null },
    { amountMinor: 700n, currency: "USD", closeDate: "2027-03-01" },
    { amountMinor: 900n, currency: "JPY", closeDate: "2027-03-01" },
  ];
  const day = "2026-12-01";

  it("keeps each rate used once, and gives back what the staging computed for each deal", () => {
    const recorder = new RatesUsedRecorder("USD", day);
    const staged = deals.map((d) => {
      const converted = table.convert(d.amountMinor, d.currency, d.closeDate ?? day);
      if (converted.ok) recorder.add(d.currency, converted);
      return converted.ok ? { amountBaseMinor: converted.baseMinor, baseCurrency: "USD", rateToBase: converted.rate } : { amountBaseMinor: null, baseCurrency: "USD", rateToBase: null };
    });
    const record = JSON.parse(JSON.stringify(recorder));
    expect(record).toEqual({
      baseCurrency: "USD",
      day,
      rates: [
        { currency: "EUR", validFrom: "2027-01-01", rateToBase: "1.2" },
        { currency: "EUR", validFrom: "2020-01-01", rateToBase: "1.1" },
      ],
    });
    expect(deals.map((d) => moneyAsStaged(record, d))).toEqual(staged);
    expect(staged[0]).toEqual({ amountBaseMinor: 120000n, baseCurrency: "USD", rateToBase: "1.2" });
    expect(staged[4]).toEqual({ amountBaseMinor: null, baseCurrency: "USD", rateToBase: null });
  });

  it("says nothing of money for a run that kept no record", () => {
    expect(moneyAsStaged(null, deals[0])).toEqual({ amountBaseMinor: null, baseCurrency: null, rateToBase: null });
    expect(moneyAsStaged({ baseCurrency: "USD", day, rates: [] }, { amountMinor: null, currency: "EUR", closeDate: null })).toEqual({
      amountBaseMinor: null,
      baseCurrency: "USD",
      rateToBase: null,
    });
  });
});
