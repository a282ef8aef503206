import { describe, expect, it } from "vitest";
import { matchingCountText } from "./matching-count";

describe("matchingCountText", () => {
  it("writes exact counts in full and estimates rounded to two significant digits", () => {
    expect(matchingCountText({ count: 1234, exact: true })).toBe("1,234");
    expect(matchingCountText({ count: 1_234_567, exact: true })).toBe("1,234,567");
    expect(matchingCountText({ count: 1_234_567, exact: false })).toBe("≈ 1.2M");
    expect(matchingCountText({ count: 10_001, exact: false })).toBe("≈ 10K");
    expect(matchingCountText({ count: 86_400, exact: false })).toBe("≈ 86K");
  });
});
