import { describe, expect, it } from "vitest";
import { matchingCountText, matchingSeenOnPage } from "./matching-count";

describe("matchingCountText", () => {
  it("writes exact counts in full and estimates rounded to two significant digits", () => {
    expect(matchingCountText({ count: 1234, exact: true })).toBe("1,234");
    expect(matchingCountText({ count: 1_234_567, exact: true })).toBe("1,234,567");
    expect(matchingCountText({ count: 1_234_567, exact: false })).toBe("≈ 1.2M");
    expect(matchingCountText({ count: 10_001, exact: false })).toBe("≈ 10K");
    expect(matchingCountText({ count: 86_400, exact: false })).toBe("≈ 86K");
  });
});

describe("matchingSeenOnPage", () => {
  const estimate = { count: 100, exact: false };
  it("a complete first page is the exact count, whatever was estimated", () => {
    expect(matchingSeenOnPage(estimate, { rows: [], nextCursor: null }, true)).toEqual({ count: 0, exact: true });
    expect(matchingSeenOnPage(estimate, { rows: [1, 2, 3], nextCursor: null }, true)).toEqual({ count: 3, exact: true });
  });
  it("a page with more after it, or a later page, proves nothing", () => {
    expect(matchingSeenOnPage(estimate, { rows: [1, 2], nextCursor: "c" }, true)).toBe(estimate);
    expect(matchingSeenOnPage(estimate, { rows: [1], nextCursor: null }, false)).toBe(estimate);
  });
});
