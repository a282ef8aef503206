// The matching rules on their own: how e-mails, websites and names compare, and which
// rule wins when several would match.
import { describe, expect, it } from "vitest";
import { indexCandidates, matchAccount, suggestMatches, type AccountToMatch, type MatchCandidate } from "./match-account";
import { accountFieldValue, matchFieldOption } from "./match-config";
import { domainOf, nameSimilarity } from "./normalise";

const candidate = (id: string, fields: Partial<MatchCandidate> = {}): MatchCandidate => ({ id, name: id, externalIds: [], emails: [], websites: [], ...fields });
const account = (fields: Partial<AccountToMatch> = {}): AccountToMatch => ({ id: "a1", name: "Acme", url: null, email: null, contacts: [], externalIdValue: null, link: null, ...fields });

describe("normalising", () => {
  it("reads a website's domain whatever the scheme, www., port, path or case", () => {
    for (const url of ["https://www.Acme.example/about?x=1", "acme.example", "www.acme.example:8443/", "HTTP://user@acme.example.", "www2.acme.example"]) {
      expect(domainOf(url), url).toBe("acme.example");
    }
    expect(domainOf("shop.acme.example")).toBe("shop.acme.example");
    expect(domainOf("not a url")).toBeNull();
    expect(domainOf("")).toBeNull();
  });

  it("compares names without legal forms, accents and punctuation", () => {
    expect(nameSimilarity("Acme Inc.", "ACME")).toBe(1);
    expect(nameSimilarity("Müller Präzisionstechnik GmbH", "Muller Prazisionstechnik")).toBe(1);
    expect(nameSimilarity("Globex", "Globex Industries")).toBe(0.8);
    expect(nameSimilarity("Initech", "Umbrella Health")).toBeLessThan(0.6);
  });

  it("reads the configured account field, never through the prototype", () => {
    const a = { externalId: "X-1", properties: { crm_id: "CRM-9", count: 7 } };
    expect(accountFieldValue(a, "externalId")).toBe("X-1");
    expect(accountFieldValue(a, "properties.crm_id")).toBe("CRM-9");
    expect(accountFieldValue(a, "properties.count")).toBe("7");
    expect(accountFieldValue(a, "properties.constructor")).toBeNull();
    expect(accountFieldValue(a, "none")).toBeNull();
    expect(matchFieldOption("none").safeParse("properties.__proto__.x").success).toBe(false);
    expect(matchFieldOption("externalId").parse("")).toBe("externalId");
  });
});

describe("rules in order", () => {
  const index = indexCandidates([
    candidate("linked"),
    candidate("ext", { externalIds: ["CRM-1"] }),
    candidate("mail", { emails: ["Billing@Acme-Billing.example"] }),
    candidate("primary", { emails: ["pat@acme-people.example"] }),
    candidate("other", { emails: ["sam@other.example"] }),
    candidate("web", { websites: ["https://www.acme.example"] }),
    candidate("free", { emails: ["someone@gmail.com"] }),
  ]);
  const rule = (a: AccountToMatch) => {
    const m = matchAccount(a, index);
    return m.status === "matched" ? `${m.rule}:${m.candidateId}` : "none";
  };
  const everything = account({
    link: { externalId: "linked", externalName: null },
    externalIdValue: "CRM-1",
    email: "billing@acme-billing.example",
    contacts: [{ email: "sam@other.example", isPrimary: false }, { email: "pat@acme-people.example", isPrimary: true }],
    url: "acme.example",
  });

  it("link, external id, account e-mail, primary contact, any contact, domain: each wins over the ones after it", () => {
    expect(rule(everything)).toBe("link:linked");
    expect(rule({ ...everything, link: null })).toBe("external_id:ext");
    expect(rule({ ...everything, link: null, externalIdValue: null })).toBe("account_email:mail");
    expect(rule({ ...everything, link: null, externalIdValue: null, email: null })).toBe("primary_contact_email:primary");
    expect(rule({ ...everything, link: null, externalIdValue: null, email: null, contacts: [everything.contacts[0]] })).toBe("contact_email:other");
    expect(rule({ ...everything, link: null, externalIdValue: null, email: null, contacts: [] })).toBe("domain:web");
    expect(rule(account({ name: "Acme Incorporated" }))).toBe("none");
  });

  it("a shared domain is ambiguous, and a free-mail domain is no domain at all", () => {
    const shared = indexCandidates([candidate("a", { websites: ["acme.example"] }), candidate("b", { emails: ["x@acme.example"] })]);
    const result = matchAccount(account({ url: "https://acme.example" }), shared);
    expect(result).toMatchObject({ status: "unmatched", reason: expect.stringMatching(/^website domain acme\.example fits 2 candidates/) });
    expect(suggestMatches(account({ contacts: [{ email: "me@gmail.com", isPrimary: true }] }), index)).toEqual([]);
  });
});
