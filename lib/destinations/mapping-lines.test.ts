import { describe, expect, it } from "vitest";
import { z } from "zod";
import { mappingField, parseMappingLines } from "./mapping-lines";

describe("mapping lines", () => {
  it("reads from = to lines", () => {
    expect(parseMappingLines("# stages\nClosed Won = won\n\nLost = lost")).toEqual({ "Closed Won": "won", Lost: "lost" });
  });

  it("refuses a reserved name on the left, as text or as an object key", () => {
    expect(() => parseMappingLines("__proto__ = x")).toThrow(/"__proto__" is a reserved name/);
    const field = z.object({ stages: mappingField(z.string()) });
    const fromText = field.safeParse({ stages: "Won = won\nconstructor = x" });
    expect(fromText.success).toBe(false);
    expect(fromText.error?.issues[0]).toMatchObject({ path: ["stages"], message: expect.stringContaining("reserved name") });
    expect(field.safeParse({ stages: { prototype: "x" } }).success).toBe(false);
  });
});
