// One test per messy-file case from docs/contracts/import-rules.md, on deals.csv, plus accounts,
// contacts and the account merge. Fixtures are built here as Buffers.
import { gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import type { CanonicalAccount, CanonicalDeal } from "@/lib/imports/canonical";
import type { ByteSource } from "./decode";
import {
  mergeAccount,
  mergeAccounts,
  parseJointflowsAccounts,
  parseJointflowsContacts,
  parseJointflowsDeals,
  type JointflowsDealsOptions,
} from "./jointflows";
import { rejectsFile } from "./problems";
import { chunked, drain, testExponentOf } from "./test-support";

const HEADER = "Name,target_close_date,owner_email,value,deal_unique_id,account_unique_id";

function deals(source: ByteSource, options: Partial<JointflowsDealsOptions> = {}) {
  return drain(parseJointflowsDeals(source, { file: "deals.csv", exponentOf: testExponentOf, defaultCurrency: "EUR", ...options }));
}

describe("Jointflows deals.csv", () => {
  it("maps a clean file to canonical deals", async () => {
    const csv = [
      `${HEADER},deal_stage,pipeline_id,project_type,description,account_name,account_url,account_industry`,
      "Big deal,2027-03-04,Ann@Acme.io,1234.50,D-1,A-1,Proposal,P-1,Onboarding,Two sites,Acme,acme.com,Retail",
    ].join("\n");
    const { records, problems } = await deals(csv);
    expect(problems).toEqual([]);
    expect(records).toEqual([
      {
        externalId: "D-1",
        name: "Big deal",
        stage: "Proposal",
        pipeline: "P-1",
        owner: "ann@acme.io",
        amountMinor: 123450n,
        currency: "EUR",
        closeDate: "2027-03-04",
        accountExternalId: "A-1",
        account: { externalId: "A-1", name: "Acme", url: "https://acme.com", industry: "Retail" },
        properties: { project_type: "Onboarding", description: "Two sites" },
        file: "deals.csv",
        line: 2,
      },
    ]);
  });

  it("messy: UTF-8 with BOM", async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEADER}\nCafé deal,2027-03-04,a@b.io,10,D-1,A-1\n`)]);
    const { records, problems } = await deals(chunked(bytes, 2));
    expect(problems).toEqual([]);
    expect(records[0]).toMatchObject({ name: "Café deal", externalId: "D-1" });
  });

  it("messy: Windows-1252 with é and € (detected)", async () => {
    const text = `${HEADER};account_name`.replaceAll(",", ";") + "\r\nRéunion;2027-03-04;a@b.io;€1.234,56;D-1;A-1;Société Générale\r\n";
    const bytes = iconv.encode(text, "windows-1252");
    const { records, problems, summary } = await deals(bytes);
    expect(problems).toEqual([]);
    expect(summary).toEqual({ lines: 2, rows: 1, bytesRead: bytes.length, encoding: "windows-1252", bom: false, gzip: false, delimiter: ";" });
    expect(records[0]).toMatchObject({ name: "Réunion", amountMinor: 123456n, currency: "EUR", account: { name: "Société Générale" } });
  });

  it("messy: ';' delimiter", async () => {
    const { records, problems } = await deals(`${HEADER.replaceAll(",", ";")}\nA;2027-03-04;a@b.io;1.234,56;D-1;A-1\n`);
    expect(problems).toEqual([]);
    expect(records[0]).toMatchObject({ amountMinor: 123456n });
  });

  it("messy: tab delimiter", async () => {
    const { records, problems } = await deals(`${HEADER.replaceAll(",", "\t")}\nA, Inc.\t2027-03-04\ta@b.io\t"1,234.56"\tD-1\tA-1\n`);
    expect(problems).toEqual([]);
    expect(records[0]).toMatchObject({ name: "A, Inc.", amountMinor: 123456n });
  });

  it("messy: CRLF line endings", async () => {
    const { records, problems } = await deals(`${HEADER}\r\nA,2027-03-04,a@b.io,10,D-1,A-1\r\nB,2027-03-05,a@b.io,20,D-2,A-1\r\n`);
    expect(problems).toEqual([]);
    expect(records.map((d) => [d.line, d.name, d.externalId])).toEqual([
      [2, "A", "D-1"],
      [3, "B", "D-2"],
    ]);
  });

  it("messy: quoted newlines keep physical line numbers for records and problems", async () => {
    const csv = [
      `${HEADER},description`,
      'A,2027-03-04,a@b.io,10,D-1,A-1,"line one',
      "line two",
      'line three"',
      "B,2027-03-04,not-an-email,10,D-2,A-1,plain",
      'C,2027-03-04,a@b.io,10,D-3,A-1,"x',
      'y"',
    ].join("\r\n");
    const { records, problems } = await deals(chunked(csv, 7));
    expect(records.map((d) => [d.externalId, d.line])).toEqual([
      ["D-1", 2],
      ["D-3", 6],
    ]);
    expect(records[0].properties.description).toBe("line one\r\nline two\r\nline three");
    expect(problems).toEqual([
      expect.objectContaining({ file: "deals.csv", line: 5, column: "owner_email", code: "invalid_email", severity: "error" }),
    ]);
  });

  it('messy: "1.234,56" and "$1,234.56" in one file', async () => {
    const csv = `${HEADER},currency\nA,2027-03-04,a@b.io,"1.234,56",D-1,A-1,EUR\nB,2027-03-04,a@b.io,"$1,234.56",D-2,A-1,USD\n`;
    const { records, problems } = await deals(csv);
    expect(problems).toEqual([]);
    expect(records.map((d) => [d.amountMinor, d.currency])).toEqual([
      [123456n, "EUR"],
      [123456n, "USD"],
    ]);
  });

  it("messy: blank lines are skipped and line numbers stay physical", async () => {
    const csv = `\n${HEADER}\n\nA,2027-03-04,a@b.io,10,D-1,A-1\n   \n\nB,2027-03-04,a@b.io,,D-2,A-1\n\n`;
    const { records, problems } = await deals(csv);
    expect(records.map((d) => [d.externalId, d.line])).toEqual([["D-1", 4]]);
    expect(problems).toEqual([expect.objectContaining({ line: 7, column: "value", code: "missing_value" })]);
  });

  it("messy: duplicate ids — the last wins, reported naming both lines", async () => {
    const csv = `${HEADER}\nFirst,2027-03-04,a@b.io,10,D-1,A-1\nOther,2027-03-04,a@b.io,10,D-2,A-1\nSecond,2027-03-04,a@b.io,20,D-1,A-1\n`;
    const { records, problems } = await deals(csv);
    expect(records.map((d) => [d.externalId, d.name])).toEqual([
      ["D-1", "Second"],
      ["D-2", "Other"],
    ]);
    expect(problems).toEqual([expect.objectContaining({ code: "duplicate_id", severity: "warning", line: 4, column: "deal_unique_id" })]);
    expect(problems[0].message).toMatch(/line 2.*line 4 wins/);
  });

  it("a rejected repeat does not displace the earlier valid row", async () => {
    const csv = `${HEADER}\nGood,2027-03-04,a@b.io,10,D-1,A-1\nBad,2027-02-30,a@b.io,10,D-1,A-1\n`;
    const { records, problems } = await deals(csv);
    expect(records.map((d) => d.name)).toEqual(["Good"]);
    expect(problems.map((p) => p.code)).toEqual(["invalid_date"]);
  });

  it("messy: duplicate ids across batches are reported too (the consumer applies batches in order)", async () => {
    const rows = Array.from({ length: 5 }, (_, i) => `N${i},2027-03-04,a@b.io,${i},D-${i % 2},A-1`);
    const { records, problems, batchSizes } = await deals(`${HEADER}\n${rows.join("\n")}\n`, { batchSize: 2 });
    expect(batchSizes).toEqual([2, 2, 1, 0]); // the last, empty batch carries the file summary
    expect(records.map((d) => d.name)).toEqual(["N0", "N1", "N2", "N3", "N4"]);
    expect(problems.map((p) => p.line)).toEqual([4, 5, 6]);
  });

  it("messy: header names differ in case and whitespace", async () => {
    const csv = " NAME ,Target_Close_Date,  Owner_Email,VALUE ,Deal_Unique_ID,account_UNIQUE_id\nA,2027-03-04,a@b.io,10,D-1,A-1\n";
    const { records, problems } = await deals(csv);
    expect(problems).toEqual([]);
    expect(records[0]).toMatchObject({ name: "A", externalId: "D-1", accountExternalId: "A-1" });
  });

  it("messy: reordered and extra columns — extras ignored and reported once as info", async () => {
    const csv = "internal_score,account_unique_id,deal_unique_id,Owner,value,owner_email,target_close_date,Name\n9,A-1,D-1,Bob,10,a@b.io,2027-03-04,A\n8,A-1,D-2,Bob,20,a@b.io,2027-03-04,B\n";
    const { records, problems } = await deals(csv);
    expect(records.map((d) => [d.externalId, d.amountMinor, d.properties])).toEqual([
      ["D-1", 1000n, {}],
      ["D-2", 2000n, {}],
    ]);
    expect(problems).toEqual([expect.objectContaining({ code: "unknown_columns", severity: "info", line: null })]);
    expect(problems[0].message).toContain('"internal_score", "Owner"');
  });

  it("keeps extra columns in properties when asked", async () => {
    const csv = `${HEADER},Region\nA,2027-03-04,a@b.io,10,D-1,A-1,EMEA\n`;
    const { records } = await deals(csv, { keepExtraColumns: true });
    expect(records[0].properties).toEqual({ Region: "EMEA" });
  });

  it("messy: empty file is rejected", async () => {
    const { records, problems } = await deals(Buffer.alloc(0));
    expect(records).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ code: "empty_file", severity: "error", line: null })]);
    expect(problems.every(rejectsFile)).toBe(true);
  });

  it("messy: header-only file is valid with zero rows (warning)", async () => {
    const { records, problems } = await deals(`${HEADER}\r\n`);
    expect(records).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ code: "no_rows", severity: "warning" })]);
    expect(problems.some(rejectsFile)).toBe(false);
  });

  it("messy: a file that is not CSV at all is rejected", async () => {
    const html = "<html><head><title>403 Forbidden</title></head><body>AccessDenied</body></html>";
    const { records, problems } = await deals(html);
    expect(records).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ code: "not_csv", severity: "error", line: null })]);
  });

  it("messy: a missing required column rejects the whole file, naming the column(s)", async () => {
    const csv = "Name,target_close_date,value,deal_unique_id\nA,2027-03-04,10,D-1\n";
    const { records, problems } = await deals(csv);
    expect(records).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "missing_columns", severity: "error", line: null, column: "owner_email, account_unique_id" });
    expect(problems[0].message).toMatch(/missing required columns "owner_email", "account_unique_id"/);
  });

  it("rejects a file whose known column appears twice", async () => {
    const { records, problems } = await deals(`${HEADER},value\nA,2027-03-04,a@b.io,10,D-1,A-1,20\n`);
    expect(records).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ code: "duplicate_columns", severity: "error", line: null, column: "value" })]);
  });

  it("messy: an ambiguous date is a row problem without a date order…", async () => {
    const csv = `${HEADER}\nA,03/04/2027,a@b.io,10,D-1,A-1\nB,13/04/2027,a@b.io,10,D-2,A-1\n`;
    const { records, problems } = await deals(csv);
    expect(records.map((d) => [d.externalId, d.closeDate])).toEqual([["D-2", "2027-04-13"]]);
    expect(problems).toEqual([
      expect.objectContaining({ file: "deals.csv", line: 2, column: "target_close_date", code: "ambiguous_date", severity: "error" }),
    ]);
  });

  it("messy: …and is read with the source's date order", async () => {
    const csv = `${HEADER}\nA,03/04/2027,a@b.io,10,D-1,A-1\n`;
    expect((await deals(csv, { dateOrder: "day-first" })).records[0].closeDate).toBe("2027-04-03");
    expect((await deals(csv, { dateOrder: "month-first" })).records[0].closeDate).toBe("2027-03-04");
  });

  it("reformats other unambiguous date forms to yyyy-mm-dd", async () => {
    const csv = `${HEADER}\nA,"March 4, 2027",a@b.io,10,D-1,A-1\nB,20270304,a@b.io,10,D-2,A-1\n`;
    expect((await deals(csv)).records.map((d) => d.closeDate)).toEqual(["2027-03-04", "2027-03-04"]);
  });

  it("rejects only the rows with missing or invalid required values, with file, line, column and reason", async () => {
    const csv = [
      HEADER,
      "A,2027-03-04,a@b.io,10,D-1,A-1",
      ",2027-02-30,a@b.io,ten,D-2,A-1",
      "C,2027-03-04,a@b.io,10,,A-1",
      "D,2027-03-04,a@b.io,10,D-4,A-1",
    ].join("\n");
    const { records, problems } = await deals(csv);
    expect(records.map((d) => d.externalId)).toEqual(["D-1", "D-4"]);
    expect(problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [3, "Name", "missing_value"],
      [3, "target_close_date", "invalid_date"],
      [3, "value", "invalid_amount"],
      [4, "deal_unique_id", "missing_value"],
    ]);
    expect(problems[0]).toMatchObject({ file: "deals.csv", severity: "error", excerpt: null });
    expect(problems.slice(1).map((p) => p.excerpt)).toEqual(["2027-02-30", "ten", null]);
  });

  it("excerpts only the offending cell, never the rest of the row or of a file that is not CSV", async () => {
    const secret = "s3cr3t-superuser-password";
    const row = await deals(`${HEADER},description\nA,2027-03-04,a@b.io,lots,D-1,A-1,${secret}\n`);
    expect(row.problems).toEqual([expect.objectContaining({ column: "value", code: "invalid_amount", excerpt: "lots" })]);
    // A folder source pointed at the server's own files: data/postgres.json is "not CSV".
    const notCsv = await deals(`{"user":"postgres","password":"${secret}"}\n`);
    expect(notCsv.problems).toEqual([expect.objectContaining({ code: "not_csv", excerpt: null })]);
    const shifted = await deals(`${HEADER}\nA,2027-03-04,a@b.io,10,D-1,A-1,${secret}\n`);
    expect(shifted.problems).toEqual([expect.objectContaining({ code: "too_many_fields", excerpt: null })]);
    expect(JSON.stringify([row.problems, notCsv.problems, shifted.problems])).not.toContain(secret);
  });

  it("keeps a row with an invalid optional value, with a warning", async () => {
    const { records, problems } = await deals(`${HEADER},account_url\nA,2027-03-04,a@b.io,10,D-1,A-1,not a url\n`);
    expect(records[0].account).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ severity: "warning", code: "invalid_url", column: "account_url", line: 2 })]);
  });

  describe("currency", () => {
    it("takes the currency column, else a currency written in the value, else the default", async () => {
      const csv = `${HEADER},currency\nA,2027-03-04,a@b.io,1000,D-1,A-1,jpy\nB,2027-03-04,a@b.io,£12.50,D-2,A-1,\nC,2027-03-04,a@b.io,7,D-3,A-1,\n`;
      const { records, problems } = await deals(csv);
      expect(problems).toEqual([]);
      expect(records.map((d) => [d.amountMinor, d.currency])).toEqual([
        [1000n, "JPY"],
        [1250n, "GBP"],
        [700n, "EUR"],
      ]);
    });

    it("rejects a value in another currency than the currency column, and unknown codes", async () => {
      const csv = `${HEADER},currency\nA,2027-03-04,a@b.io,€10,D-1,A-1,USD\nB,2027-03-04,a@b.io,10,D-2,A-1,XXQ\n`;
      const { records, problems } = await deals(csv);
      expect(records).toEqual([]);
      expect(problems.map((p) => [p.line, p.column, p.code])).toEqual([
        [2, "value", "currency_mismatch"],
        [3, "currency", "unknown_currency"],
      ]);
    });

    it("rejects rows without any currency when there is no default", async () => {
      const { problems } = await deals(`${HEADER}\nA,2027-03-04,a@b.io,10,D-1,A-1\n`, { defaultCurrency: undefined });
      expect(problems).toEqual([expect.objectContaining({ code: "missing_value", column: "value" })]);
      expect(problems[0].message).toMatch(/default currency/);
    });

    it("refuses an unknown default currency up front", () => {
      expect(() => parseJointflowsDeals("", { file: "deals.csv", exponentOf: testExponentOf, defaultCurrency: "EURO" })).toThrow(/EURO/);
    });
  });

  it("reads a gzipped deals.csv", async () => {
    const { records } = await deals(chunked(gzipSync(`${HEADER}\nA,2027-03-04,a@b.io,10,D-1,A-1\n`), 5));
    expect(records).toHaveLength(1);
  });
});

describe("Jointflows accounts.csv", () => {
  it("maps accounts; a bad url is dropped with a warning, a missing name rejects the row", async () => {
    const csv = "unique_id;Name;URL;industry\nA-1;Acme;acme.com;Retail\nA-2;Beta;not a url;\nA-3;;gamma.io;\n";
    const { records, problems } = await drain(parseJointflowsAccounts(csv, { file: "accounts.csv" }));
    expect(records).toEqual([
      { externalId: "A-1", name: "Acme", url: "https://acme.com", industry: "Retail", properties: {}, file: "accounts.csv", line: 2 },
      { externalId: "A-2", name: "Beta", url: null, industry: null, properties: {}, file: "accounts.csv", line: 3 },
    ]);
    expect(problems.map((p) => [p.line, p.column, p.code, p.severity])).toEqual([
      [3, "URL", "invalid_url", "warning"],
      [4, "Name", "missing_value", "error"],
    ]);
  });

  it("requires the url column (the format lists it without 'optional')", async () => {
    const { problems } = await drain(parseJointflowsAccounts("name,unique_id\nAcme,A-1\n", { file: "accounts.csv" }));
    expect(problems).toEqual([expect.objectContaining({ code: "missing_columns", column: "url" })]);
  });
});

describe("Jointflows contacts.csv", () => {
  const HEAD = "first_name,last_name,email_address,account_unique_id,contact_unique_id,role,phone_number,linkedin_url,reports_to_id";

  it("maps contacts with optional fields", async () => {
    const csv = `${HEAD}\nAnn,Lee,Ann@Acme.io,A-1,C-1,CFO,+33 6 12 34 56 78,linkedin.com/in/annlee,C-0\n`;
    const { records, problems } = await drain(parseJointflowsContacts(csv, { file: "contacts.csv" }));
    expect(problems).toEqual([]);
    expect(records).toEqual([
      {
        externalId: "C-1",
        accountExternalId: "A-1",
        firstName: "Ann",
        lastName: "Lee",
        email: "ann@acme.io",
        role: "CFO",
        phone: "+33 6 12 34 56 78",
        linkedinUrl: "https://linkedin.com/in/annlee",
        reportsToExternalId: "C-0",
        properties: {},
        file: "contacts.csv",
        line: 2,
      },
    ]);
  });

  it("accepts one name, rejects none, and rejects an invalid email", async () => {
    const csv = `${HEAD}\n,Lee,a@b.io,A-1,C-1,,,,\n,,c@d.io,A-1,C-2,,,,\nEve,,nope,A-1,C-3,,,,\n`;
    const { records, problems } = await drain(parseJointflowsContacts(csv, { file: "contacts.csv" }));
    expect(records.map((c) => c.externalId)).toEqual(["C-1"]);
    expect(problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [3, "first_name", "missing_value"],
      [4, "email_address", "invalid_email"],
    ]);
  });
});

describe("account merge", () => {
  const fileAccount = (externalId: string, fields: Partial<CanonicalAccount> = {}): CanonicalAccount => ({
    externalId,
    name: `File ${externalId}`,
    url: `https://${externalId.toLowerCase()}.example`,
    industry: "From file",
    properties: {},
    file: "accounts.csv",
    line: 2,
    ...fields,
  });
  const deal = (line: number, accountExternalId: string, account?: Partial<CanonicalDeal["account"]>): CanonicalDeal => ({
    externalId: `D-${line}`,
    name: "Deal",
    stage: null,
    pipeline: null,
    owner: "a@b.io",
    amountMinor: 100n,
    currency: "EUR",
    closeDate: "2027-03-04",
    accountExternalId,
    account: account ? { externalId: accountExternalId, name: null, url: null, industry: null, ...account } : undefined,
    properties: {},
    file: "deals.csv",
    line,
  });

  it("lets deals.csv fields win, field by field, over accounts.csv", () => {
    const merged = mergeAccount(fileAccount("A-1"), { externalId: "A-1", name: "From deals", url: null, industry: null, file: "deals.csv", line: 9 });
    expect(merged).toEqual({
      externalId: "A-1",
      name: "From deals",
      url: "https://a-1.example",
      industry: "From file",
      properties: {},
      file: "accounts.csv",
      line: 2,
    });
  });

  it("merges a whole drop: inline-only accounts, conflicts between deals, accounts nobody names", () => {
    const { accounts, problems } = mergeAccounts(
      [fileAccount("A-1"), fileAccount("A-2")],
      [
        deal(2, "A-1", { name: "Acme (deals)" }),
        deal(3, "A-3", { name: "Inline only", url: "https://inline.example" }),
        deal(4, "A-3", { name: "Inline renamed" }),
        deal(5, "A-9"),
        deal(6, "A-2"),
      ],
    );
    expect(accounts.map((a) => [a.externalId, a.name, a.url, a.file, a.line])).toEqual([
      ["A-1", "Acme (deals)", "https://a-1.example", "accounts.csv", 2],
      ["A-2", "File A-2", "https://a-2.example", "accounts.csv", 2],
      ["A-3", "Inline renamed", "https://inline.example", "deals.csv", 4],
    ]);
    expect(problems.map((p) => [p.line, p.code, p.severity])).toEqual([
      [4, "account_conflict", "warning"],
      [5, "account_without_name", "warning"],
    ]);
  });
});
