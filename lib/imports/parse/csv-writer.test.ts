import { describe, expect, it } from "vitest";
import { readCsv, type CsvRecord } from "./csv-reader";
import { csvLine, neutraliseFormula, PROBLEM_CSV_COLUMNS, toCsv, toCsvStream } from "./csv-writer";

describe("neutraliseFormula", () => {
  it.each([
    ["=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")"],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
    ["  =1+1", "'  =1+1"],
    ["+33 6 12 34 56 78", "'+33 6 12 34 56 78"],
  ])("prefixes %j", (input, expected) => {
    expect(neutraliseFormula(input)).toBe(expected);
  });

  it.each(["-42", "+7", "-1234.50", "plain", "a=b", "", "user@example.com"])("leaves %j alone", (input) => {
    expect(neutraliseFormula(input)).toBe(input);
  });
});

describe("toCsv", () => {
  it("quotes delimiters, quotes, newlines and edge spaces; writes nulls as empty", () => {
    expect(csvLine(['a,b', 'say "hi"', "two\nlines", " padded", null, 12n, true])).toBe('"a,b","say ""hi""","two\nlines"," padded",,12,true');
  });

  it("writes a header and rows with CRLF, by key or by accessor", () => {
    const rows = [
      { line: 3, message: "=cmd()", amount: 10n },
      { line: 9, message: "ok", amount: null },
    ];
    const csv = toCsv(rows, ["line", "message", { header: "amount (minor)", value: (r) => r.amount }]);
    expect(csv).toBe("line,message,amount (minor)\r\n3,'=cmd(),10\r\n9,ok,\r\n");
  });

  it("round-trips through our reader, including quoted newlines", async () => {
    const rows = [{ a: 'x,"y"', b: "multi\r\nline" }, { a: "=1", b: "" }];
    const records: CsvRecord[] = [];
    for await (const event of readCsv(toCsv(rows, ["a", "b"], { bom: true }), { file: "out.csv" })) {
      if (event.type === "records") records.push(...event.records);
    }
    expect(records).toEqual([
      { line: 2, fields: ['x,"y"', "multi\r\nline"] },
      { line: 4, fields: ["'=1", ""] },
    ]);
  });

  it("streams large outputs in chunks", async () => {
    const rows = (function* () {
      for (let i = 0; i < 20_000; i++) yield { id: `D-${i}`, name: `Deal ${i}` };
    })();
    let chunks = 0;
    let length = 0;
    for await (const chunk of toCsvStream(rows, ["id", "name"])) {
      chunks++;
      length += chunk.length;
    }
    expect(chunks).toBeGreaterThan(3);
    expect(length).toBeGreaterThan(300_000);
  });
});

describe("problems download", () => {
  it("writes problems with their line and column, neutralising a hostile excerpt", () => {
    const csv = toCsv(
      [{ severity: "error", file: "deals.csv", line: 7, column: "value", code: "invalid_amount", message: 'value "=1+1" is not a number', excerpt: "=1+1,D-1" }],
      PROBLEM_CSV_COLUMNS,
    );
    expect(csv).toBe('file,line,column,severity,code,message,excerpt\r\ndeals.csv,7,value,error,invalid_amount,"value ""=1+1"" is not a number","\'=1+1,D-1"\r\n');
  });
});
