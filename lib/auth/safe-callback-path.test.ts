import { describe, expect, it } from "vitest";
import { safeCallbackPath, safeRedirectUrl } from "./safe-callback-path";

describe("safeCallbackPath", () => {
  it("keeps paths on this app, with their query and hash", () => {
    expect(safeCallbackPath("/deals?stage=Won#top")).toBe("/deals?stage=Won#top");
    expect(safeCallbackPath("/imports/abc")).toBe("/imports/abc");
  });

  it.each([
    ["/\\evil.com"],
    ["/\t/evil.com"],
    ["/%09/evil.com".replace("%09", "\t")],
    ["/\n/evil.com"],
    ["//evil.com"],
    ["/.//evil.com"],
    ["https://evil.com"],
    ["javascript:alert(1)"],
    ["evil.com"],
    [""],
    [undefined],
  ])("sends %j to the default page", (raw) => {
    expect(safeCallbackPath(raw)).toBe("/imports");
  });

  it("builds next-auth redirects on the base URL only", () => {
    expect(safeRedirectUrl("http://app.test/deals", "http://app.test")).toBe("http://app.test/deals");
    expect(safeRedirectUrl("/\\evil.com", "http://app.test")).toBe("http://app.test/imports");
    expect(safeRedirectUrl("https://evil.com/x", "http://app.test")).toBe("http://app.test/imports");
    expect(safeRedirectUrl("http://app.test.evil.com/", "http://app.test")).toBe("http://app.test/imports");
  });
});
