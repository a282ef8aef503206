import { describe, expect, it } from "vitest";
import { cleanText, normaliseEmail, normaliseUrl } from "./text";

describe("cleanText", () => {
  it("trims, composes to NFC and turns empty into null", () => {
    expect(cleanText("  Ame\u0301lie ")).toBe("Amélie");
    expect(cleanText("   ")).toBeNull();
    expect(cleanText(undefined)).toBeNull();
  });
});

describe("normaliseEmail", () => {
  it.each([
    [" Bob@Example.COM ", "bob@example.com"],
    ["mailto:ann@acme.io", "ann@acme.io"],
    ["Ann Lee <Ann@Acme.io>", "ann@acme.io"],
  ])("accepts %j", (input, value) => {
    expect(normaliseEmail(input)).toEqual({ ok: true, value });
  });

  it.each(["bob", "bob@", "@acme.io", "a b@acme.io", "bob@@acme.io"])("rejects %j", (input) => {
    expect(normaliseEmail(input)).toMatchObject({ ok: false, code: "invalid_email" });
  });
});

describe("normaliseUrl", () => {
  it.each([
    ["acme.com", "https://acme.com"],
    ["https://Acme.com/", "https://acme.com"],
    ["http://www.acme.com/about?x=1", "http://www.acme.com/about?x=1"],
    ["www.linkedin.com/in/ann-lee", "https://www.linkedin.com/in/ann-lee"],
    ["//acme.com", "https://acme.com"],
  ])("accepts %j as %s", (input, value) => {
    expect(normaliseUrl(input)).toEqual({ ok: true, value });
  });

  it.each(["not a url", "javascript:alert(1)", "ftp://acme.com", "acme", "mailto:a@b.c"])("rejects %j", (input) => {
    expect(normaliseUrl(input)).toMatchObject({ ok: false, code: "invalid_url" });
  });
});
