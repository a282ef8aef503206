import { describe, expect, it } from "vitest";
import { formatExactTimestamp, parseExactTimestamp } from "./timestamps";

describe("parseExactTimestamp", () => {
  it.each([
    ["2024-05-01T12:34:56.8874557Z", "2024-05-01T12:34:56.887Z"],
    ["2024-05-01T12:34:56Z", "2024-05-01T12:34:56.000Z"],
    ["2024-05-01T09:34:56-03:00", "2024-05-01T12:34:56.000Z"],
    ["2024-05-01T14:34:56+0200", "2024-05-01T12:34:56.000Z"],
    ["2024-05-01 12:34:56", "2024-05-01T12:34:56.000Z"],
    ["2024-05-01T12:34", "2024-05-01T12:34:00.000Z"],
    ["2024-05-01", "2024-05-01T00:00:00.000Z"],
    ["01/05/2024 12:34", "2024-05-01T12:34:00.000Z"],
    [" 2024-05-01T12:34:56.1Z ", "2024-05-01T12:34:56.100Z"],
  ])("reads %s as %s", (text, iso) => {
    expect(parseExactTimestamp(text)?.toISOString()).toBe(iso);
  });

  it.each(["", "yesterday", "2024-02-30T00:00:00Z", "2024-05-01T25:00:00Z", "05/13/2024", "1714566896"])("refuses %j", (text) => {
    expect(parseExactTimestamp(text)).toBeNull();
  });

  it("formats filter literals the way the API writes timestamps", () => {
    expect(formatExactTimestamp(new Date("2024-05-01T12:00:00.250Z"))).toBe("2024-05-01T12:00:00.2500000Z");
  });
});
