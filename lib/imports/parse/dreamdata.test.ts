import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { ByteSource } from "./decode";
import { parseDreamdataStageObjects, type DreamdataReadOptions } from "./dreamdata";
import { chunked, drain, testExponentOf } from "./test-support";

function stages(source: ByteSource, options: Partial<DreamdataReadOptions> = {}) {
  return drain(parseDreamdataStageObjects(source, { file: "stages.ndjson", exponentOf: testExponentOf, ...options }));
}

const contact = (externalId: string, email: string, isPrimary: boolean) => ({
  externalId,
  accountExternalId: "2394762270",
  firstName: null,
  lastName: null,
  email,
  role: null,
  phone: null,
  linkedinUrl: null,
  reportsToExternalId: null,
  isPrimary,
  properties: {},
  file: "stages.ndjson",
  line: 1,
});

const ndjson = (...objects: unknown[]) => objects.map((o) => (typeof o === "string" ? o : JSON.stringify(o))).join("\n") + "\n";

const seedExample = {
  id: "4053091339",
  company_id: "2394762270",
  email: "Friends@Dreamdata.io",
  emails: ["support@dreamdata.io", "friends@dreamdataio.com"],
  name: "Dreamdata deal",
  currency: "usd",
  created_date: "2022-11-17T13:14:25Z",
  closed_date: "2022-11-18T09:00:00Z",
  amount: 1000,
  properties: { pipeline: "sales", stage: "newbiz" },
  status: "won",
  won: true,
};

describe("Dreamdata stage objects (NDJSON)", () => {
  it("maps the documented example to a canonical deal", async () => {
    const { records, problems } = await stages(ndjson(seedExample));
    expect(problems).toEqual([]);
    expect(records).toEqual([
      {
        externalId: "4053091339",
        name: "Dreamdata deal",
        stage: "newbiz",
        pipeline: "sales",
        owner: null,
        amountMinor: 100000n,
        currency: "USD",
        closeDate: "2022-11-18",
        sourceCreatedAt: "2022-11-17T13:14:25Z",
        accountExternalId: "2394762270",
        account: { externalId: "2394762270", name: "2394762270", url: null, industry: null },
        contacts: [
          contact("friends@dreamdata.io", "friends@dreamdata.io", true),
          contact("support@dreamdata.io", "support@dreamdata.io", false),
          contact("friends@dreamdataio.com", "friends@dreamdataio.com", false),
        ],
        properties: {
          pipeline: "sales",
          stage: "newbiz",
          status: "won",
          won: true,
          email: "friends@dreamdata.io",
          emails: ["support@dreamdata.io", "friends@dreamdataio.com"],
          closed_date: "2022-11-18T09:00:00Z",
        },
        file: "stages.ndjson",
        line: 1,
      },
    ]);
  });

  it("keeps who a stage object belongs to: company_id as the account, contact_id / email / emails as its contacts, one primary per company", async () => {
    const { records, problems } = await stages(
      ndjson(
        { ...seedExample, id: "s1", contact_id: 23242349233, properties: { company_name: "Dreamdata ApS" } },
        { ...seedExample, id: "s2", email: "new.buyer@dreamdata.io", emails: null, contact_id: null },
        { ...seedExample, id: "s3", company_id: null, email: null, emails: ["solo@example.com"], contact_id: "77" },
      ),
    );
    expect(problems).toEqual([]);
    const [first, second, third] = records;
    expect(first.account).toEqual({ externalId: "2394762270", name: "Dreamdata ApS", url: null, industry: null });
    expect(first.contacts!.map((c) => [c.externalId, c.email, c.accountExternalId, c.isPrimary])).toEqual([
      ["23242349233", "friends@dreamdata.io", "2394762270", true],
      ["support@dreamdata.io", "support@dreamdata.io", "2394762270", false],
      ["friends@dreamdataio.com", "friends@dreamdataio.com", "2394762270", false],
    ]);
    // The company's primary contact was decided by its first stage object.
    expect(second.contacts!.map((c) => [c.externalId, c.isPrimary])).toEqual([["new.buyer@dreamdata.io", false]]);
    expect(third).toMatchObject({ accountExternalId: null, sourceCreatedAt: "2022-11-17T13:14:25Z" });
    expect(third.account).toBeUndefined();
    expect(third.contacts!.map((c) => [c.externalId, c.email, c.accountExternalId, c.isPrimary])).toEqual([
      ["77", null, null, true],
      ["solo@example.com", "solo@example.com", null, false],
    ]);
  });

  it("takes the owner from the CRM properties when there is no top-level owner", async () => {
    const { records } = await stages(ndjson({ ...seedExample, properties: { ...seedExample.properties, owner: "ana@example.com" } }));
    expect(records[0].owner).toBe("ana@example.com");
  });

  it("reads gzipped NDJSON in small chunks", async () => {
    const body = ndjson(...Array.from({ length: 2500 }, (_, i) => ({ ...seedExample, id: `S-${i}` })));
    const { records, batchSizes } = await stages(chunked(gzipSync(body), 1000), { file: "stages.ndjson.gz" });
    expect(records).toHaveLength(2500);
    expect(Math.max(...batchSizes)).toBeLessThanOrEqual(1000);
  });

  it("counts physical lines (blank lines, CRLF) and reports a malformed line without stopping", async () => {
    const text = [JSON.stringify(seedExample), "", '{"id": "2", "amount": 5,', JSON.stringify({ ...seedExample, id: "3" }), "[1,2]"].join("\r\n");
    const { records, problems } = await stages(text);
    expect(records.map((r) => [r.externalId, r.line])).toEqual([
      ["4053091339", 1],
      ["3", 4],
    ]);
    expect(problems.map((p) => [p.line, p.code])).toEqual([
      [3, "invalid_json"],
      [5, "invalid_json"],
    ]);
  });

  it("requires id, amount, currency; one link field; one UTC date", async () => {
    const base = { id: "1", amount: 10, currency: "EUR", company_id: "C", created_date: "2022-11-17T13:14:25Z" };
    const { records, problems } = await stages(
      ndjson(
        base,
        { ...base, id: undefined },
        { ...base, id: "3", amount: undefined, currency: "EURO" },
        { ...base, id: "4", company_id: undefined },
        { ...base, id: "5", created_date: undefined },
        { ...base, id: "6", created_date: "2022-11-17 13:14:25" },
        { ...base, id: "7", company_id: undefined, contact_id: 77 },
      ),
    );
    expect(records.map((r) => r.line)).toEqual([1, 7]);
    expect(problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [2, "id", "missing_value"],
      [3, "currency", "unknown_currency"],
      [3, "amount", "missing_value"],
      [4, "company_id", "missing_reference"],
      [5, "created_date", "missing_value"],
      [6, "created_date", "invalid_timestamp"],
    ]);
    expect(records[1].properties.contact_id).toBe("77");
  });

  it("keeps amounts exact in minor units, per currency", async () => {
    const base = { company_id: "C", closed_date: "2022-11-17T13:14:25Z" };
    const { records } = await stages(
      ndjson({ ...base, id: "1", amount: 1234.56, currency: "EUR" }, { ...base, id: "2", amount: "1500", currency: "JPY" }, { ...base, id: "3", amount: 0.1, currency: "BHD" }),
    );
    expect(records.map((r) => [r.amountMinor, r.currency])).toEqual([
      [123456n, "EUR"],
      [1500n, "JPY"],
      [100n, "BHD"],
    ]);
  });

  it("rejects ids that JSON cannot carry exactly", async () => {
    const { problems } = await stages('{"id": 12345678901234567890, "amount": 1, "currency": "EUR", "company_id": "c", "created_date": "2022-11-17T13:14:25Z"}\n');
    expect(problems).toEqual([expect.objectContaining({ code: "invalid_value", column: "id" })]);
    expect(problems[0].message).toMatch(/as a string/);
  });

  it("keeps properties given as a JSON string, rejects properties that are not an object", async () => {
    const base = { id: "1", amount: 1, currency: "EUR", company_id: "c", created_date: "2022-11-17T13:14:25Z" };
    const { records, problems } = await stages(ndjson({ ...base, properties: '{"tier":"gold"}' }, { ...base, id: "2", properties: "[1]" }));
    expect(records[0].properties).toMatchObject({ tier: "gold" });
    expect(problems).toEqual([expect.objectContaining({ line: 2, column: "properties", code: "invalid_json" })]);
  });

  it("drops invalid optional emails with a warning", async () => {
    const base = { id: "1", amount: 1, currency: "EUR", company_id: "c", created_date: "2022-11-17T13:14:25Z" };
    const { records, problems } = await stages(ndjson({ ...base, email: "nope", emails: ["ok@x.io", "bad"] }));
    expect(records[0].properties).toMatchObject({ emails: ["ok@x.io"] });
    expect(records[0].properties.email).toBeUndefined();
    expect(problems.map((p) => [p.column, p.severity])).toEqual([
      ["email", "warning"],
      ["emails", "warning"],
    ]);
  });

  it("reports duplicate ids, the last winning", async () => {
    const { records, problems } = await stages(ndjson({ ...seedExample, name: "old" }, { ...seedExample, name: "new" }));
    expect(records.map((r) => r.name)).toEqual(["new"]);
    expect(problems).toEqual([expect.objectContaining({ code: "duplicate_id", line: 2, severity: "warning" })]);
  });

  it("rejects a JSON array file, CSV, and an empty file as a whole", async () => {
    expect((await stages(JSON.stringify([seedExample]))).problems).toEqual([expect.objectContaining({ code: "not_ndjson", line: null })]);
    expect((await stages("id,amount\n1,2\n")).problems).toEqual([expect.objectContaining({ code: "not_ndjson", line: null })]);
    expect((await stages("\n\n")).problems).toEqual([expect.objectContaining({ code: "empty_file", line: null })]);
  });
});

describe("Dreamdata stage objects (CSV convenience form)", () => {
  it("maps CSV rows, parsing properties and emails from text and keeping other columns", async () => {
    const csv = [
      "id;amount;currency;company_id;emails;created_date;properties;Stage",
      '1;1.234,56;EUR;C-1;a@x.io, b@x.io;2022-11-17T13:14:25Z;"{""tier"":""gold""}";Won',
      '2;10;EUR;C-1;;2022-11-17T13:14:25Z;"{not json";',
    ].join("\n");
    const { records, problems } = await stages(csv, { file: "stages.csv" });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      externalId: "1",
      name: "1",
      amountMinor: 123456n,
      stage: "Won",
      properties: { tier: "gold", Stage: "Won", emails: ["a@x.io", "b@x.io"] },
    });
    expect(problems).toEqual([expect.objectContaining({ line: 3, column: "properties", code: "invalid_json" })]);
  });

  it("rejects a CSV without any link column", async () => {
    const { problems } = await stages("id,amount,currency,created_date\n1,2,EUR,2022-11-17T13:14:25Z\n", { file: "stages.csv" });
    expect(problems).toEqual([expect.objectContaining({ code: "missing_columns", line: null })]);
  });
});

describe("Dreamdata stage objects: reserved names never reach an object", () => {
  it("rejects an NDJSON row whose properties hold __proto__, naming the field, and keeps the others", async () => {
    const hostile = `{"id":"p1","company_id":"c1","currency":"USD","amount":1,"created_date":"2024-01-01T00:00:00Z","properties":{"stage":"won","__proto__":{"polluted":"yes"}}}`;
    const { records, errors } = await stages(ndjson(hostile, { ...seedExample, id: "ok" }));
    expect(records.map((r) => r.externalId)).toEqual(["ok"]);
    expect(errors).toEqual([
      expect.objectContaining({ line: 1, code: "reserved_name", column: "properties", message: expect.stringContaining("properties.__proto__ is a reserved name") }),
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("rejects a top-level __proto__ (which would otherwise lend the row a stage) and constructor.prototype", async () => {
    const topLevel = `{"id":"p2","company_id":"c1","currency":"USD","amount":1,"created_date":"2024-01-01T00:00:00Z","__proto__":{"stage":"Closed Won"}}`;
    const nested = { ...seedExample, id: "p3", properties: { constructor: { prototype: { polluted: "yes" } } } };
    const { records, errors } = await stages(ndjson(topLevel, nested));
    expect(records).toEqual([]);
    expect(errors.map((p) => [p.line, p.code, p.column])).toEqual([
      [1, "reserved_name", "__proto__"],
      [2, "reserved_name", "properties"],
    ]);
  });

  it("rejects a CSV row whose properties JSON holds __proto__, and never reads a column named constructor", async () => {
    const csv = 'id,company_id,currency,amount,created_date,constructor,properties\n' +
      'r1,c1,USD,1,2024-01-01T00:00:00Z,x,"{""__proto__"":{""a"":1}}"\n' +
      'r2,c1,USD,1,2024-01-01T00:00:00Z,x,"{""a"":1}"\n';
    const { records, problems } = await stages(csv, { file: "stages.csv" });
    expect(records.map((r) => [r.externalId, r.properties])).toEqual([["r2", expect.not.objectContaining({ constructor: "x" })]]);
    expect(Object.hasOwn(records[0].properties, "constructor")).toBe(false);
    expect(problems.map((p) => [p.line, p.code, p.severity, p.column])).toEqual([
      [null, "reserved_name", "warning", "constructor"],
      [2, "reserved_name", "error", "properties"],
    ]);
  });
});
