import { describe, expect, it } from "vitest";
import { formatUtc } from "./format-utc";

describe("formatUtc", () => {
  // 14:05:09.250 on 1 December 2026 in UTC is 15:05 in Amsterdam: the output must not follow the host's zone.
  const at = new Date(Date.UTC(2026, 11, 1, 14, 5, 9, 250));

  it("shows the day, minute or second in UTC", () => {
    expect(formatUtc(at, "day")).toBe("2026-12-01");
    expect(formatUtc(at)).toBe("2026-12-01 14:05 UTC");
    expect(formatUtc(at, "second")).toBe("2026-12-01 14:05:09 UTC");
  });
});
