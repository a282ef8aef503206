import { describe, expect, it } from "vitest";
import { csvRow, neutraliseFormula } from "./csv-row";

describe("neutraliseFormula", () => {
  it.each(["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://evil\")"])("prefixes %j", (cell) => {
    expect(neutraliseFormula(cell)).toBe(`'${cell}`);
  });
  it.each(["plain", "", "1-2", " =not at start", "a@b.c"])("leaves %j alone", (cell) => expect(neutraliseFormula(cell)).toBe(cell));
});

describe("csvRow", () => {
  it("quotes commas, quotes and newlines, and neutralises before quoting", () => {
    expect(csvRow(["a", "b,c", 'say "hi"', "two\nlines", null, 3])).toBe('a,"b,c","say ""hi""","two\nlines",,3\r\n');
    expect(csvRow(["=cmd|' /C calc'!A0", "-1,5"])).toBe(`'=cmd|' /C calc'!A0,"'-1,5"\r\n`);
  });
});
