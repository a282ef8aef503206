import { describe, expect, it } from "vitest";
import { describeDealFilter, describeSelectionText, type Names } from "./describe-deal-filter";

const names: Names = {
  sources: new Map([["src_1", "Jointflows drop"]]),
  accounts: new Map([["acc_1", "Acme Corp"]]),
  destinations: new Map([["dst_1", "ChartMogul"]]),
  baseCurrency: "USD",
};

describe("a deal selection in words", () => {
  it("names every condition, ids by their names, money in the base currency", () => {
    expect(
      describeDealFilter(
        { stage: ["Won", "Lost", "Open"], pipeline: ["Renewal"], source: ["src_1", "src_gone"], account: "acc_1", closeFrom: "2027-01-01", amountMin: 100_000n, amountMax: 250_050n, status: "new", notPushedTo: "dst_1", q: "fleet" },
        names,
      ),
    ).toEqual([
      "stage is Won, Lost or Open",
      "pipeline is Renewal",
      "from Jointflows drop or src_gone",
      "account is Acme Corp",
      "closing on or after 2027-01-01",
      "amount $1,000.00 to $2,500.50",
      "new in the last import",
      "not pushed to ChartMogul",
      "matching “fleet”",
    ]);
  });

  it("says what a selection is: all deals, a filter less the unticked ones, or deals ticked by hand", () => {
    expect(describeSelectionText({ mode: "filter", filter: {}, excludeIds: [] }, names)).toBe("All deals");
    expect(describeSelectionText({ mode: "filter", filter: { stage: ["Won"], pushedTo: "dst_1" }, excludeIds: ["d1", "d2"] }, names)).toBe(
      "Deals where stage is Won · pushed to ChartMogul, less 2 deals unticked by hand",
    );
    expect(describeSelectionText({ mode: "ids", ids: ["d1"] }, names)).toBe("Deals ticked by hand");
  });
});
