import { describe, expect, it } from "vitest";
import { isFromOtherFilter, isRowSelected, selectAllMatching, setRowsSelected } from "./deal-selection";

describe("deal selection", () => {
  it("ticking rows builds an explicit id list; unticking the last one clears it", () => {
    let selection = setRowsSelected(null, ["a", "b"], true);
    expect(selection).toEqual({ mode: "ids", ids: ["a", "b"] });
    selection = setRowsSelected(selection, ["a"], false);
    expect(selection).toEqual({ mode: "ids", ids: ["b"] });
    expect(setRowsSelected(selection, ["b"], false)).toBeNull();
  });

  it("select all matching keeps the filter and records unticked rows, never listing the matches", () => {
    let selection = selectAllMatching({ stage: ["Won"], pipeline: ["Renewal"] });
    expect(isRowSelected(selection, "any-row", { pipeline: ["Renewal"], stage: ["Won"] }, null)).toBe(true);
    selection = setRowsSelected(selection, ["x", "y"], false)!;
    expect(selection).toEqual({ mode: "filter", filter: { stage: ["Won"], pipeline: ["Renewal"] }, excludeIds: ["x", "y"] });
    expect(isRowSelected(selection, "x", { stage: ["Won"], pipeline: ["Renewal"] }, null)).toBe(false);
    selection = setRowsSelected(selection, ["x"], true)!;
    expect(selection).toEqual({ mode: "filter", filter: { stage: ["Won"], pipeline: ["Renewal"] }, excludeIds: ["y"] });
  });

  it("after the filter changes, a select-all stays the old filter's and row ticks come from the server", () => {
    const selection = selectAllMatching({ stage: ["Won"] });
    const newFilter = { stage: ["Won", "Lost"] };
    expect(isFromOtherFilter(selection, newFilter)).toBe(true);
    expect(isFromOtherFilter(selection, { stage: ["Won"] })).toBe(false);
    expect(isRowSelected(selection, "a", newFilter, null)).toBe(false);
    expect(isRowSelected(selection, "a", newFilter, ["a"])).toBe(true);
    expect(isRowSelected(selection, "b", newFilter, ["a"])).toBe(false);
    // Unticking under the new filter still only narrows the old selection.
    expect(setRowsSelected(selection, ["a"], false)).toEqual({ mode: "filter", filter: { stage: ["Won"] }, excludeIds: ["a"] });
  });
});
