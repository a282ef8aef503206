import { describe, expect, it } from "vitest";
import { parseExchangeRatesCsv } from "./parse-rates-csv";

const parse = (text: string) => parseExchangeRatesCsv(text, { baseCurrency: "USD" });
const brief = (r: ReturnType<typeof parse>) => r.problems.map((p) => [p.line, p.column, p.code, p.severity]);

describe("parseExchangeRatesCsv", () => {
  it("reads good rows and reports each bad row with line, column and code", () => {
    const csv = [
      "date,currency,rate", // 1
      "2024-01-01,EUR,1.10", // 2
      "2024-01-01,JPY,0.0067", // 3
      "2024-13-01,GBP,1.27", // 4 invalid date
      "2024-01-02,XYZ,1.0", // 5 unknown currency
      "2024-01-02,GBP,abc", // 6 invalid rate
      "", // 7 blank
      '2024-01-03,GBP,"1,27"', // 8 comma rate
      "2024-01-03,USD,1", // 9 base currency, rate 1: info
      "2024-01-03,USD,2", // 10 base currency, other rate: error
      "2024-01-01,eur,1.11", // 11 duplicate of line 2: later wins
      "2024-01-04,CHF,1.05,extra", // 12 too many fields
      "2024-01-05,,1", // 13 missing value
      "2024-01-06,GBP,1.2700", // 14 ok
    ].join("\n");
    const r = parse(csv);
    expect(r.fileRejected).toBe(false);
    expect(r.rowCount).toBe(12);
    expect(r.rows).toEqual([
      { line: 3, currency: "JPY", validFrom: "2024-01-01", rate: "0.0067" },
      { line: 11, currency: "EUR", validFrom: "2024-01-01", rate: "1.11" },
      { line: 14, currency: "GBP", validFrom: "2024-01-06", rate: "1.27" },
    ]);
    expect(brief(r)).toEqual([
      [2, null, "duplicate_row", "warning"],
      [4, "date", "invalid_date", "error"],
      [5, "currency", "unknown_currency", "error"],
      [6, "rate", "invalid_rate", "error"],
      [8, "rate", "invalid_rate", "error"],
      [9, "currency", "base_currency", "info"],
      [10, "currency", "base_currency", "error"],
      [12, null, "too_many_fields", "error"],
      [13, "currency", "missing_value", "error"],
    ]);
    expect(r.problems.find((p) => p.line === 8)!.message).toMatch(/uses a comma/);
    expect(r.problems.find((p) => p.line === 2)!.message).toBe("EUR on 2024-01-01 appears again on line 11; the later row wins");
  });

  it("matches headers loosely, ignores unknown columns (info), and keeps physical line numbers across quoted newlines", () => {
    const csv = '\uFEFF Rate ;Valid From;Currency Code;Note\r\n1.1;2024-01-01;EUR;"two\r\nlines"\r\n0,9;2024-01-01;GBP;x\r\n';
    const r = parse(csv);
    expect(r.fileRejected).toBe(false);
    expect(r.rows).toEqual([{ line: 2, currency: "EUR", validFrom: "2024-01-01", rate: "1.1" }]);
    expect(brief(r)).toEqual([
      [1, "Note", "unknown_column", "info"],
      [4, "Rate", "invalid_rate", "error"],
    ]);
  });

  it("reads tab-separated files", () => {
    const r = parse("date\tcurrency\trate\n2024-01-01\tEUR\t1.1\n");
    expect(r.rows).toHaveLength(1);
    expect(r.problems).toEqual([]);
  });

  it("rejects a file with a missing column, naming what it found", () => {
    const r = parse("date,currency,amount\n2024-01-01,EUR,1.1\n");
    expect(r.fileRejected).toBe(true);
    expect(r.rows).toEqual([]);
    expect(r.problems).toContainEqual(
      expect.objectContaining({ line: 1, column: "rate", code: "missing_column", severity: "error", message: expect.stringContaining("found: date, currency, amount") }),
    );
  });

  it("rejects empty files, duplicated columns and broken quoting", () => {
    expect(parse("")).toMatchObject({ fileRejected: true, problems: [expect.objectContaining({ code: "empty_file" })] });
    expect(parse("\n\n")).toMatchObject({ fileRejected: true });
    expect(parse("date,rate,currency,rate\n").problems).toContainEqual(expect.objectContaining({ code: "duplicate_column", column: "rate" }));
    const broken = parse('date,currency,rate\n2024-01-01,EUR,1.1\n2024-01-02,"GBP,1.2\n2024-01-03,CHF,1.05\n');
    expect(broken.fileRejected).toBe(true);
    expect(broken.problems).toContainEqual(expect.objectContaining({ line: 3, code: "malformed_csv" }));
  });

  it("a header with no rows is fine, and says so", () => {
    expect(parse("date,currency,rate\n")).toMatchObject({ fileRejected: false, rows: [], problems: [expect.objectContaining({ code: "no_rows" })] });
  });
});
