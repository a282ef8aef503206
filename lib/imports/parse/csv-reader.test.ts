import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readCsv, sniffDelimiter, whyNotCsv, type CsvEvent, type CsvHeader, type CsvRecord, type CsvReadOptions } from "./csv-reader";
import type { ByteSource } from "./decode";
import type { ImportProblem } from "./problems";
import { chunked } from "./test-support";

async function read(source: ByteSource, options: Partial<CsvReadOptions> = {}) {
  let header: CsvHeader | null = null;
  const records: CsvRecord[] = [];
  const problems: ImportProblem[] = [];
  const batchSizes: number[] = [];
  let end: Extract<CsvEvent, { type: "end" }> | null = null;
  for await (const event of readCsv(source, { file: "test.csv", ...options })) {
    if (event.type === "header") header = event.header;
    else if (event.type === "records") {
      records.push(...event.records);
      batchSizes.push(event.records.length);
    } else if (event.type === "problem") problems.push(event.problem);
    else end = event;
  }
  return { header: header as CsvHeader | null, records, problems, batchSizes, end };
}

const lines = (records: CsvRecord[]) => records.map((r) => [r.line, r.fields.join("|")]);

describe("readCsv", () => {
  it.each([
    [",", "a,b\n1,2\n"],
    [";", "a;b\n1;2\n"],
    ["\t", "a\tb\n1\t2\n"],
    ["|", "a|b\n1|2\n"],
  ])("sniffs the %j delimiter from the header", async (delimiter, text) => {
    const { header, records } = await read(text);
    expect(header?.delimiter).toBe(delimiter);
    expect(records[0].fields).toEqual(["1", "2"]);
  });

  it("sniffs outside quotes and prefers the most frequent candidate", () => {
    expect(sniffDelimiter('"a,b";c;d')).toBe(";");
    expect(sniffDelimiter("name")).toBe(",");
    expect(sniffDelimiter("a,b;c,d")).toBe(",");
  });

  it("reads CRLF files without leaving \\r in values", async () => {
    const { header, records } = await read("a,b\r\n1,2\r\n3,4\r\n");
    expect(header?.newline).toBe("\r\n");
    expect(lines(records)).toEqual([
      [2, "1|2"],
      [3, "3|4"],
    ]);
  });

  it("gives the physical start line of records after quoted newlines", async () => {
    const text = 'id,description\r\n1,"first\r\nsecond\r\nthird"\r\n2,plain\r\n3,"a\nb"\r\n4,end';
    for (const size of [1, 2, 5, 64, 100_000]) {
      const { records } = await read(chunked(text, size));
      expect(records.map((r) => [r.line, r.fields[0]])).toEqual([
        [2, "1"],
        [5, "2"],
        [6, "3"],
        [8, "4"],
      ]);
    }
  });

  it("skips blank lines (also whitespace-only and delimiter-only) but keeps counting them", async () => {
    const { records, header } = await read("\n\na,b\n\n1,2\n   \n,\n3,4\n\n");
    expect(header?.line).toBe(3);
    expect(lines(records)).toEqual([
      [5, "1|2"],
      [8, "3|4"],
    ]);
  });

  it("cleans header names: BOM, whitespace, stray quotes; keys are lowercase", async () => {
    const { header } = await read("\uFEFF Name ,'Value',\"\"\"Owner\"\"\"\n");
    expect(header?.columns.map((c) => [c.name, c.key])).toEqual([
      ["Name", "name"],
      ["Value", "value"],
      ["Owner", "owner"],
    ]);
  });

  it("reports an empty file and a whitespace-only file", async () => {
    for (const text of ["", "  \r\n\n"]) {
      const { problems, header } = await read(text);
      expect(header).toBeNull();
      expect(problems).toEqual([expect.objectContaining({ code: "empty_file", severity: "error", line: null })]);
    }
  });

  it("reports a header-only file as a warning with zero rows", async () => {
    const { problems, header, records } = await read("a,b\r\n");
    expect(header?.columns).toHaveLength(2);
    expect(records).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ code: "no_rows", severity: "warning", line: null })]);
  });

  it.each([
    ["a PNG", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), /binary/],
    ["an xlsx", Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(64, 1)]), /ZIP/],
    ["HTML", Buffer.from("<!DOCTYPE html>\n<html><body>Access Denied</body></html>"), /HTML/],
    ["JSON", Buffer.from('[\n  {"id": 1}\n]\n'), /JSON/],
    ["NDJSON", Buffer.from('{"id":"1","amount":3}\n{"id":"2","amount":4}\n'), /JSON/],
    ["a PDF", Buffer.from("%PDF-1.7\n%âãÏÓ\n"), /PDF/],
  ])("rejects %s as not CSV", async (_kind, bytes, reason) => {
    const { problems, header, records } = await read(bytes);
    expect(header).toBeNull();
    expect(records).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "not_csv", severity: "error", line: null });
    expect(problems[0].message).toMatch(reason);
  });

  it("does not mistake bracketed header names for JSON", () => {
    expect(whyNotCsv("[Name],[Value]\n1,2\n")).toBeNull();
  });

  it("rejects a row with a malformed quote and keeps the others", async () => {
    const { records, problems } = await read('a,b\n1,"x"y"\n2,ok\n');
    expect(records.map((r) => r.line)).toEqual([3]);
    expect(problems).toEqual([expect.objectContaining({ code: "malformed_row", line: 2 })]);
  });

  it("rejects the row whose quote is never closed, naming the lines it swallowed", async () => {
    const { records, problems } = await read('a,b\n1,ok\n2,"open\n3,x\n4,y\n');
    expect(records.map((r) => r.line)).toEqual([2]);
    expect(problems[0]).toMatchObject({ code: "malformed_row", line: 3 });
    expect(problems[0].message).toMatch(/lines 3–6/);
  });

  it("rejects rows with extra values (columns shifted) but tolerates trailing empty fields", async () => {
    const { records, problems } = await read("a,b\n1,2,,\n3,4,oops\n");
    expect(lines(records)).toEqual([[2, "1|2"]]);
    expect(problems).toEqual([expect.objectContaining({ code: "too_many_fields", line: 3 })]);
  });

  it("stops at an over-long record instead of buffering the rest of the file", async () => {
    const text = 'a,b\n1,"never closed\n' + "x,y\n".repeat(100_000);
    const { problems } = await read(chunked(text, 4096), { maxRecordChars: 100_000 });
    expect(problems).toEqual([expect.objectContaining({ code: "record_too_large", severity: "error", line: null })]);
  });

  it("emits records in batches of the requested size", async () => {
    const text = "a\n" + Array.from({ length: 25 }, (_, i) => `${i}\n`).join("");
    const { batchSizes, end } = await read(chunked(text, 3), { batchSize: 10 });
    expect(batchSizes).toEqual([10, 10, 5]);
    expect(end?.progress).toMatchObject({ rows: 25, line: 26 });
  });

  it("reads gzip and reports a truncated one as unreadable", async () => {
    const gz = gzipSync(Buffer.from("a,b\n" + "1,2\n".repeat(5000)));
    expect((await read(chunked(gz, 100))).records).toHaveLength(5000);
    const broken = await read(gz.subarray(0, gz.length - 30));
    expect(broken.problems.at(-1)).toMatchObject({ code: "unreadable_file", severity: "error", line: null });
  });

  it("warns when characters had to be replaced", async () => {
    const { problems } = await read([Buffer.from("a\né\n" + "b\n".repeat(300)), Buffer.from([0x41, 0xff, 0x0a])]);
    expect(problems).toEqual([expect.objectContaining({ code: "invalid_encoding", severity: "warning" })]);
  });
});
