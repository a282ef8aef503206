import { describe, expect, it } from "vitest";
import { canonicalJson, contentHash, diffFields, type CanonicalDeal } from "./canonical";

const deal: CanonicalDeal = {
  externalId: "D-1",
  name: "Big deal",
  stage: "Proposal",
  pipeline: null,
  owner: "ann@acme.io",
  amountMinor: 123456n,
  currency: "EUR",
  closeDate: "2027-03-04",
  accountExternalId: "A-1",
  account: { externalId: "A-1", name: "Acme", url: null, industry: null },
  properties: { description: "Two sites", project_type: "Onboarding" },
  file: "deals.csv",
  line: 2,
};

describe("canonicalJson", () => {
  it("sorts keys at every depth, writes bigint as an integer and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, "x", null], c: 10n }, e: undefined })).toBe('{"a":{"c":10,"d":[1,"x",null]},"b":1}');
    expect(canonicalJson(-0)).toBe("0");
    expect(() => canonicalJson(Number.NaN)).toThrow();
  });
});

describe("contentHash", () => {
  it("is a stable sha256 hex that ignores field order", () => {
    const reordered = Object.fromEntries(Object.entries(deal).reverse());
    expect(contentHash(deal)).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash(reordered)).toBe(contentHash(deal));
    expect(contentHash({ ...deal, properties: { project_type: "Onboarding", description: "Two sites" } })).toBe(contentHash(deal));
  });

  it("ignores provenance and the inline account (hashed with the account)", () => {
    const moved = { ...deal, file: "other.csv", line: 99, account: { externalId: "A-1", name: "Renamed", url: null, industry: null } };
    expect(contentHash(moved)).toBe(contentHash(deal));
  });

  it("changes with any business field, including properties", () => {
    const base = contentHash(deal);
    expect(contentHash({ ...deal, amountMinor: 123457n })).not.toBe(base);
    expect(contentHash({ ...deal, stage: null })).not.toBe(base);
    expect(contentHash({ ...deal, properties: { ...deal.properties, description: "Three sites" } })).not.toBe(base);
  });
});

describe("diffFields", () => {
  it("lists field-level before → after, JSON-safe, properties key by key", () => {
    const after = { ...deal, amountMinor: 200000n, closeDate: "2027-04-01", line: 7, properties: { project_type: "Expansion", region: "EMEA" } };
    expect(diffFields(deal, after)).toEqual([
      { field: "amountMinor", before: "123456", after: "200000" },
      { field: "closeDate", before: "2027-03-04", after: "2027-04-01" },
      { field: "properties.description", before: "Two sites", after: null },
      { field: "properties.project_type", before: "Onboarding", after: "Expansion" },
      { field: "properties.region", before: null, after: "EMEA" },
    ]);
  });

  it("is empty for unchanged records and treats a missing side as all-new", () => {
    expect(diffFields(deal, { ...deal, line: 50 })).toEqual([]);
    const created = diffFields(null, { externalId: "D-9", amountMinor: 5n, properties: {} });
    expect(created).toEqual([
      { field: "externalId", before: null, after: "D-9" },
      { field: "amountMinor", before: null, after: "5" },
    ]);
  });
});
