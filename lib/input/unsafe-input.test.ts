import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { assertSafeActionArgs, findUnsafeInput, ownValue } from "./unsafe-input";

describe("findUnsafeInput", () => {
  it("finds reserved names at any depth, in JSON as parsed (an own __proto__ key)", () => {
    expect(findUnsafeInput(JSON.parse('{"a":[{"b":{"__proto__":{"x":1}}}]}'))).toMatchObject({ path: "a.0.b.__proto__", reason: "reserved_name" });
    expect(findUnsafeInput({ constructor: { prototype: {} } })).toMatchObject({ path: "constructor", reason: "reserved_name" });
    expect(findUnsafeInput({ name: "constructor", list: ["prototype"] })).toBeNull(); // as values they are plain text
  });

  it("finds NUL characters in values and names, and nesting past the limit, without recursion", () => {
    expect(findUnsafeInput({ name: "a\0b" })).toMatchObject({ path: "name", reason: "nul_character" });
    expect(findUnsafeInput({ "a\0": 1 })).toMatchObject({ path: "a\\0", reason: "nul_character" });
    let deep: unknown = "leaf";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnsafeInput(deep)).toMatchObject({ reason: "too_deep" });
    expect(findUnsafeInput({ a: { b: { c: [1, 2, { d: "ok" }] } } })).toBeNull();
    expect(findUnsafeInput({ note: "x".repeat(300_000) })).toMatchObject({ path: "note", reason: "too_long" });
  });
});

describe("assertSafeActionArgs", () => {
  it("refuses a form field whose dotted name has a reserved segment, as a 400 field error", () => {
    const form = new FormData();
    form.append("name", "x");
    form.append("constructor.prototype.polluted", "1");
    const err = (() => {
      try {
        assertSafeActionArgs([undefined, form]);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ status: 400, details: { "constructor.prototype.polluted": expect.stringContaining("reserved name") } });
  });

  it("refuses plain arguments with reserved keys or NUL, and lets ordinary ones through", () => {
    expect(() => assertSafeActionArgs([JSON.parse('{"__proto__":{"shared":true}}')])).toThrow(/__proto__ is a reserved name/);
    expect(() => assertSafeActionArgs(["deals", ["name\0"]])).toThrow(/NUL/);
    expect(() => assertSafeActionArgs(["deals", ["name", "stage"], { scope: "deals" }])).not.toThrow();
  });
});

describe("ownValue", () => {
  it("reads only keys the map holds itself", () => {
    const stages: Record<string, string> = { Won: "closed" };
    expect(ownValue(stages, "Won")).toBe("closed");
    expect(ownValue(stages, "constructor")).toBeUndefined();
    expect(ownValue(stages, "toString")).toBeUndefined();
    expect(ownValue(stages, null)).toBeUndefined();
  });
});
