import { describe, expect, it } from "vitest";
import { nextSavepoint, updateWindowFilter, updateWindowFor } from "./update-window";

const at = (iso: string) => new Date(iso);

describe("update window", () => {
  it("spans savepoint − past days to savepoint + future days", () => {
    const window = updateWindowFor(at("2024-05-10T12:00:00Z"), { pastWindowDays: 2, futureWindowDays: 30 });
    expect(window).toEqual({ from: at("2024-05-08T12:00:00Z"), to: at("2024-06-09T12:00:00Z") });
    expect(updateWindowFilter(window!)).toBe("updateDate ge 2024-05-08T12:00:00.0000000Z and updateDate le 2024-06-09T12:00:00.0000000Z");
  });

  it("has no bounds before the first savepoint", () => {
    expect(updateWindowFor(null, { pastWindowDays: 1, futureWindowDays: 1 })).toBeNull();
  });
});

describe("nextSavepoint", () => {
  const started = at("2024-06-01T12:00:00Z");
  const window = { from: at("2024-05-01T00:00:00Z"), to: at("2024-05-31T00:00:00Z") };

  it("moves to the newest updateDate seen", () => {
    expect(nextSavepoint(at("2024-05-02T00:00:00Z"), at("2024-05-20T08:00:00Z"), window, started)).toEqual(at("2024-05-20T08:00:00Z"));
  });

  it("never moves back when only the past window had changes", () => {
    expect(nextSavepoint(at("2024-05-02T00:00:00Z"), at("2024-05-01T10:00:00Z"), window, started)).toEqual(at("2024-05-02T00:00:00Z"));
  });

  it("steps over an empty window that is wholly in the past", () => {
    expect(nextSavepoint(at("2024-05-02T00:00:00Z"), null, window, started)).toEqual(window.to);
  });

  it("stays put when an empty window reaches past the start of the pull (changes may still land in it)", () => {
    const open = { from: window.from, to: at("2024-07-01T00:00:00Z") };
    expect(nextSavepoint(at("2024-05-02T00:00:00Z"), null, open, started)).toEqual(at("2024-05-02T00:00:00Z"));
  });

  it("starts at the newest updateDate of a first (unbounded) pull", () => {
    expect(nextSavepoint(null, at("2024-05-31T23:59:59Z"), null, started)).toEqual(at("2024-05-31T23:59:59Z"));
  });
});
