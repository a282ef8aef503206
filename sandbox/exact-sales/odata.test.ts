import { describe, expect, it } from "vitest";
import { canonicalDatetime, ODataQueryError, parseFilter, parseOrderBy, parseSelect } from "./odata";

const lead = {
  id: 51430007,
  lead: "Metalúrgica O'Brien Ltda",
  funnelId: 40101,
  stage: "Qualificação",
  salesRep: { email: "joao.araujo@exemplo.com.br" },
  sdr: null,
  updateDate: "2024-05-10T12:00:00.1234567Z",
};

const matches = (filter: string, record: Record<string, unknown> = lead) => parseFilter(filter)(record);

describe("parseFilter", () => {
  it.each([
    ["id eq 51430007", true],
    ["id eq 1", false],
    ["funnelId eq 40101 and stage eq 'Qualificação'", true],
    ["funnelId eq 40102 or stage eq 'Qualificação'", true],
    ["not (funnelId eq 40101)", false],
    ["(funnelId eq 1 or funnelId eq 40101) and id ge 51430000", true],
    ["lead eq 'Metalúrgica O''Brien Ltda'", true],
    ["contains(lead,'Brien')", true],
    ["startswith(lead,'Metal') and endswith(lead,'Ltda')", true],
    ["salesRep/email eq 'joao.araujo@exemplo.com.br'", true],
    ["sdr eq null", true],
    ["sdr ne null", false],
    ["missingField gt 3", false],
  ])("%s → %s", (filter, expected) => {
    expect(matches(filter)).toBe(expected);
  });

  it("compares datetimes as instants at 100 ns precision, whatever the literal's form", () => {
    expect(matches("updateDate ge 2024-05-10T12:00:00Z")).toBe(true);
    expect(matches("updateDate ge 2024-05-10T12:00:00.1234567Z")).toBe(true);
    expect(matches("updateDate gt 2024-05-10T12:00:00.1234567Z")).toBe(false);
    expect(matches("updateDate gt 2024-05-10T12:00:00.1234566Z")).toBe(true);
    // 09:00 in São Paulo (-03:00) is 12:00 UTC.
    expect(matches("updateDate ge 2024-05-10T09:00:00-03:00 and updateDate le 2024-05-10T09:00:01-03:00")).toBe(true);
    expect(matches("updateDate lt 2024-05-11")).toBe(true);
  });

  it("compares a record's non-canonical date as an instant too", () => {
    expect(matches("updateDate eq 2024-05-10T12:00:00Z", { updateDate: "2024-05-10T09:00:00-03:00" })).toBe(true);
    expect(matches("updateDate ge 2024-01-01T00:00:00Z", { updateDate: "not a date" })).toBe(false);
  });

  it.each(["id eq", "id equals 3", "(id eq 3", "year(updateDate) eq 2024", "id eq 3 extra", "stage eq \"x\""])("refuses %s", (filter) => {
    expect(() => parseFilter(filter)).toThrow(ODataQueryError);
  });
});

describe("canonicalDatetime", () => {
  it.each([
    ["2024-05-10T12:00:00.1234567Z", "2024-05-10T12:00:00.1234567Z"],
    ["2024-05-10T12:00:00Z", "2024-05-10T12:00:00.0000000Z"],
    ["2024-05-10T12:00:00.5", "2024-05-10T12:00:00.5000000Z"],
    ["2024-05-10T23:30:00-03:00", "2024-05-11T02:30:00.0000000Z"],
    ["2024-05-10", "2024-05-10T00:00:00.0000000Z"],
  ])("%s → %s", (input, expected) => {
    expect(canonicalDatetime(input)).toBe(expected);
  });

  it("answers null for what is not a datetime", () => {
    expect(canonicalDatetime("10/05/2024")).toBeNull();
    expect(canonicalDatetime(20240510)).toBeNull();
  });
});

describe("parseOrderBy and parseSelect", () => {
  const rows = [
    { id: 1, stage: "b", nested: { n: 2 } },
    { id: 2, stage: "a", nested: { n: 1 } },
    { id: 3, stage: "b", nested: { n: 3 } },
  ];

  it("orders by several terms, asc by default", () => {
    expect([...rows].sort(parseOrderBy("stage, id desc")).map((row) => row.id)).toEqual([2, 3, 1]);
    expect([...rows].sort(parseOrderBy("nested/n desc")).map((row) => row.id)).toEqual([3, 1, 2]);
    expect(() => parseOrderBy("id sideways")).toThrow(ODataQueryError);
  });

  it("keeps only the selected top-level properties", () => {
    expect(parseSelect("id, stage")(rows[0])).toEqual({ id: 1, stage: "b" });
    expect(() => parseSelect("nested/n")).toThrow(ODataQueryError);
  });
});
