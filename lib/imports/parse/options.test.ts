import { describe, expect, it } from "vitest";
import { parseOptionsSchema } from "./options";

describe("parseOptionsSchema", () => {
  it("accepts and normalises a source's parsing options", () => {
    expect(parseOptionsSchema.parse({ encoding: " windows-1252 ", delimiter: ";", dateOrder: "day-first", defaultCurrency: "eur" })).toEqual({
      encoding: "windows-1252",
      delimiter: ";",
      dateOrder: "day-first",
      defaultCurrency: "EUR",
    });
  });

  it("refuses unknown encodings, delimiters and currency codes", () => {
    const result = parseOptionsSchema.safeParse({ encoding: "klingon", delimiter: ":", defaultCurrency: "EURO" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toEqual(["encoding", "delimiter", "defaultCurrency"]);
  });
});
