import { describe, expect, it } from "vitest";
import { parseDealTableParams, serializeDealTableParams, type DealTableState } from "./deal-table-params";
import { decodeSelectionParam, encodeSelectionParam } from "./selection-param";
import { dealSelectionSchema, joinUrlList, sameDealFilter, splitUrlList } from "./deal-filter";

const full: DealTableState = {
  filter: {
    stage: ["Won", "Proposal"],
    pipeline: ["New business"],
    owner: ["ann@example.com"],
    source: ["src1"],
    account: "acc1",
    closeFrom: "2027-01-01",
    closeTo: "2027-03-31",
    amountMin: 100_000n,
    amountMax: 5_000_000n,
    status: "changed",
    pushedTo: "dst1",
    notPushedTo: "dst2",
    q: "acme renewal",
  },
  sort: { sort: "amount", dir: "desc" },
  after: "eyJ2IjoiMSIsImlkIjoiYSJ9",
  page: 3,
  size: 100,
};

describe("deals table URL state", () => {
  it("round-trips every filter, the sort and the page through the URL", () => {
    const url = serializeDealTableParams(full).toString();
    const back = parseDealTableParams(new URLSearchParams(url));
    expect(back).toEqual({ ...full, filter: { ...full.filter, stage: ["Proposal", "Won"] } });
    expect(serializeDealTableParams(back).toString()).toBe(url);
  });

  it("leaves defaults out: the plain list is a bare URL", () => {
    expect(serializeDealTableParams(parseDealTableParams(new URLSearchParams())).toString()).toBe("");
    expect(parseDealTableParams(new URLSearchParams())).toEqual({ filter: {}, sort: { sort: "name", dir: "asc" }, page: 1, size: 50 });
  });

  it("reads the forms people and links write: repeated keys, comma lists, Next's record form", () => {
    const repeated = parseDealTableParams(new URLSearchParams("stage=Won&stage=Lost&pipeline=Renewal"));
    const commas = parseDealTableParams(new URLSearchParams("stage=Lost,Won&pipeline=Renewal"));
    const record = parseDealTableParams({ stage: ["Won", "Lost"], pipeline: "Renewal" });
    expect(repeated.filter).toEqual({ stage: ["Lost", "Won"], pipeline: ["Renewal"] });
    expect(commas).toEqual(repeated);
    expect(record).toEqual(repeated);
  });

  it("keeps a comma or backslash inside a value: a stage called \"Closed, won\" is one stage", () => {
    const stages = ["Closed, won", "Won", "C:\\deals\\", "a\\,b"];
    const url = serializeDealTableParams({ ...full, filter: { stage: stages } }).toString();
    expect(new URLSearchParams(url).get("stage")).toBe("C:\\\\deals\\\\,Closed\\, won,Won,a\\\\\\,b");
    expect(parseDealTableParams(new URLSearchParams(url)).filter.stage).toEqual([...stages].sort());
    // Repeated keys hold URL lists too, and a backslash before anything else is itself.
    expect(parseDealTableParams(new URLSearchParams("stage=Closed\\, won&stage=Lost,DOMAIN\\ann")).filter.stage).toEqual(["Closed, won", "DOMAIN\\ann", "Lost"]);
  });

  it("splits URL lists only: JSON arrays (selections, API bodies) hold the values as they are", () => {
    expect(splitUrlList(joinUrlList(["x,y", "\\", ""]))).toEqual(["x,y", "\\", ""]);
    const selection = dealSelectionSchema.parse({ mode: "filter", filter: { stage: ["Closed, won", " Lost "] } });
    expect(selection.mode === "filter" && selection.filter.stage).toEqual(["Closed, won", "Lost"]);
    expect(dealSelectionSchema.parse({ mode: "filter", filter: { stage: "Won,Lost" } })).toMatchObject({ filter: { stage: ["Won", "Lost"] } });
  });

  it("drops what it cannot read instead of failing the page", () => {
    const state = parseDealTableParams(new URLSearchParams("stage=Won&closeFrom=31/03/2027&amountMin=lots&status=maybe&sort=colour&size=7&page=4"));
    expect(state).toEqual({ filter: { stage: ["Won"] }, sort: { sort: "name", dir: "asc" }, page: 1, size: 50 });
  });

  it("filters compare equal whatever the order of their values", () => {
    expect(sameDealFilter({ stage: ["Won", "Lost"], q: "a" }, { q: "a", stage: ["Lost", "Won"], pipeline: [] })).toBe(true);
    expect(sameDealFilter({ stage: ["Won"] }, { stage: ["Won"], pipeline: ["Renewal"] })).toBe(false);
    expect(sameDealFilter({ amountMin: 1n }, { amountMin: 2n })).toBe(false);
  });
});

describe("selection URL parameter", () => {
  it("round-trips a select-all selection with bigint amounts and non-ASCII text", () => {
    const selection = { mode: "filter" as const, filter: { stage: ["Gewonnen"], q: "Müller & Söhne", amountMin: 10_000n }, excludeIds: ["d1", "d2"] };
    const param = encodeSelectionParam(selection);
    expect(param).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeSelectionParam(param)).toEqual(selection);
  });

  it("round-trips explicit ids", () => {
    const selection = { mode: "ids" as const, ids: ["a", "b", "c"] };
    expect(decodeSelectionParam(encodeSelectionParam(selection))).toEqual(selection);
  });

  it("refuses a parameter that is not a selection with a 400", () => {
    expect(() => decodeSelectionParam("not base64!")).toThrowError(expect.objectContaining({ code: "bad_request" }));
    const notASelection = Buffer.from(JSON.stringify({ mode: "everything" })).toString("base64url");
    expect(() => decodeSelectionParam(notASelection)).toThrowError(expect.objectContaining({ code: "bad_request" }));
  });
});
