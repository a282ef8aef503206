import { describe, expect, it } from "vitest";
import { normaliseDate, normaliseUtcTimestamp } from "./dates";

describe("normaliseDate", () => {
  it.each([
    ["2027-03-04", "2027-03-04"],
    [" 2027-3-4 ", "2027-03-04"],
    ["2027/03/04", "2027-03-04"],
    ["2027.03.04", "2027-03-04"],
    ["20270304", "2027-03-04"],
    ["2027-03-04T10:15:00Z", "2027-03-04"],
    ["2027-03-04T23:30:00-05:00", "2027-03-04"],
    ["2027-03-04 10:15", "2027-03-04"],
    ["4 Mar 2027", "2027-03-04"],
    ["04-Mar-2027", "2027-03-04"],
    ["4th March 2027", "2027-03-04"],
    ["March 4, 2027", "2027-03-04"],
    ["Sept 4 2027", "2027-09-04"],
    ["Thursday, March 4, 2027", "2027-03-04"],
    ["2027 Mar 4", "2027-03-04"],
    ["13/04/2027", "2027-04-13"],
    ["04/13/2027", "2027-04-13"],
    ["04/04/2027", "2027-04-04"],
    ["13.04.2027", "2027-04-13"],
    ["2028-02-29", "2028-02-29"],
    ["2000-02-29", "2000-02-29"],
  ])("accepts %j as %s", (input, expected) => {
    expect(normaliseDate(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["2027-02-30", "invalid_date"],
    ["2027-02-29", "invalid_date"],
    ["1900-02-29", "invalid_date"],
    ["2027-13-01", "invalid_date"],
    ["2027-04-31", "invalid_date"],
    ["31/31/2027", "invalid_date"],
    ["30 Feb 2027", "invalid_date"],
    ["2027-03-04T25:00:00Z", "invalid_date"],
    ["next tuesday", "invalid_date"],
    ["46085", "invalid_date"],
    ["03/04/27", "ambiguous_date"],
    ["", "missing_value"],
  ])("rejects %j (%s)", (input, code) => {
    expect(normaliseDate(input)).toMatchObject({ ok: false, code });
  });

  it("rejects an ambiguous d/m vs m/d date without a date order, explaining both readings", () => {
    const result = normaliseDate("03/04/2027");
    expect(result).toMatchObject({ ok: false, code: "ambiguous_date" });
    if (!result.ok) expect(result.message).toMatch(/3 April 2027.*March 4, 2027/);
  });

  it("reads an ambiguous date with the source's date order", () => {
    expect(normaliseDate("03/04/2027", { dateOrder: "day-first" })).toEqual({ ok: true, value: "2027-04-03" });
    expect(normaliseDate("03/04/2027", { dateOrder: "month-first" })).toEqual({ ok: true, value: "2027-03-04" });
    expect(normaliseDate("3.4.2027", { dateOrder: "day-first" })).toEqual({ ok: true, value: "2027-04-03" });
  });

  it("holds a file to its date order: 13/04/2027 is not a month-first date", () => {
    expect(normaliseDate("13/04/2027", { dateOrder: "month-first" })).toMatchObject({ ok: false, code: "invalid_date" });
    // yyyy-mm-dd needs no order at all.
    expect(normaliseDate("2027-04-13", { dateOrder: "month-first" })).toEqual({ ok: true, value: "2027-04-13" });
  });
});

describe("normaliseUtcTimestamp", () => {
  it("accepts exactly YYYY-MM-DDTHH:MM:SSZ", () => {
    expect(normaliseUtcTimestamp("2022-11-17T13:14:25Z")).toEqual({ ok: true, value: "2022-11-17T13:14:25Z" });
  });

  it.each(["2022-11-17T13:14:25", "2022-11-17T13:14:25.123Z", "2022-11-17T13:14:25+00:00", "2022-11-17", "2022-02-30T00:00:00Z", "2022-11-17T24:00:00Z"])(
    "rejects %j",
    (input) => {
      expect(normaliseUtcTimestamp(input)).toMatchObject({ ok: false, code: "invalid_timestamp" });
    },
  );
});
