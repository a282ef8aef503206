// Which customer (ChartMogul) or account (Pipeliner) at a destination is this account
// of ours? One set of rules for every destination, tried in order, the first that
// finds exactly one candidate wins and says so ("matched by …"):
//   1. a saved link (AccountLink, confirmed by a person);
//   2. an external id equal to a configured account field;
//   3. e-mail: the account's, then its primary contact's, then any contact's;
//   4. website domain: the account's url against the candidate's website or e-mail
//      domain (scheme, `www.`, path and case ignored; free-mail domains never count).
// Name similarity is never automatic: it and ambiguous domains are only suggestions
// for the Matching view. Pure: the destination reads its candidates once per run.
import { domainOf, emailDomain, isFreeMailDomain, nameSimilarity, nameTokens, normaliseEmail } from "./normalise";

/** A customer/account at the destination, reduced to what the rules compare. */
export type MatchCandidate = {
  id: string;
  name: string;
  externalIds: string[];
  emails: string[];
  /** Websites as the destination holds them (any form; normalised here). */
  websites: string[];
};

export type AccountToMatch = {
  id: string;
  name: string;
  url: string | null;
  email: string | null;
  contacts: { email: string | null; isPrimary: boolean }[];
  /** The value of the configured external-id field, if any. */
  externalIdValue: string | null;
  /** The saved link's external id and name for this destination. */
  link: { externalId: string; externalName: string | null } | null;
};

export const MATCH_RULES = ["link", "external_id", "account_email", "primary_contact_email", "contact_email", "domain"] as const;
export type MatchRule = (typeof MATCH_RULES)[number];

export type Matched = { status: "matched"; rule: MatchRule; candidateId: string; candidateName: string | null; matchedBy: string };
export type Unmatched = { status: "unmatched"; reason: string };
export type AccountMatch = Matched | Unmatched;

export type Suggestion = {
  candidateId: string;
  candidateName: string;
  kind: "domain" | "name";
  /** Domain suggestions: the same domain exactly (bulk-confirmable when it is the only one). */
  exact: boolean;
  /** 0–1; 1 for an exact domain. */
  score: number;
  why: string;
};

export type CandidateIndex = {
  byId: Map<string, MatchCandidate>;
  byExternalId: Map<string, MatchCandidate[]>;
  byEmail: Map<string, MatchCandidate[]>;
  byDomain: Map<string, MatchCandidate[]>;
  byNameToken: Map<string, MatchCandidate[]>;
};

function push<K>(map: Map<K, MatchCandidate[]>, key: K, candidate: MatchCandidate) {
  const list = map.get(key);
  if (!list) map.set(key, [candidate]);
  else if (!list.includes(candidate)) list.push(candidate);
}

/** Built once per run from the whole candidate list. */
export function indexCandidates(candidates: MatchCandidate[]): CandidateIndex {
  const index: CandidateIndex = { byId: new Map(), byExternalId: new Map(), byEmail: new Map(), byDomain: new Map(), byNameToken: new Map() };
  for (const c of candidates) {
    index.byId.set(c.id, c);
    for (const id of c.externalIds) if (id) push(index.byExternalId, id, c);
    for (const email of c.emails) {
      const normalised = normaliseEmail(email);
      if (!normalised) continue;
      push(index.byEmail, normalised, c);
      const domain = emailDomain(normalised);
      if (domain && !isFreeMailDomain(domain)) push(index.byDomain, domain, c);
    }
    for (const website of c.websites) {
      const domain = domainOf(website);
      if (domain && !isFreeMailDomain(domain)) push(index.byDomain, domain, c);
    }
    for (const token of nameTokens(c.name)) push(index.byNameToken, token, c);
  }
  return index;
}

const describe = (c: MatchCandidate) => `"${c.name}" (${c.id})`;

/** Applies the rules in order. */
export function matchAccount(account: AccountToMatch, index: CandidateIndex): AccountMatch {
  if (account.link) {
    const c = index.byId.get(account.link.externalId);
    return { status: "matched", rule: "link", candidateId: account.link.externalId, candidateName: c?.name ?? account.link.externalName, matchedBy: "matched by saved link" };
  }
  const found = (rule: MatchRule, list: MatchCandidate[] | undefined, what: string): AccountMatch | null => {
    if (!list?.length) return null;
    if (list.length > 1) return { status: "unmatched", reason: `${what} fits ${list.length} candidates (${list.map(describe).join(", ")})` };
    return { status: "matched", rule, candidateId: list[0].id, candidateName: list[0].name, matchedBy: `matched by ${what}` };
  };

  const steps: (() => AccountMatch | null)[] = [
    () => (account.externalIdValue ? found("external_id", index.byExternalId.get(account.externalIdValue), `external id ${account.externalIdValue}`) : null),
    () => {
      const email = normaliseEmail(account.email);
      return email ? found("account_email", index.byEmail.get(email), `the account's e-mail ${email}`) : null;
    },
    () => {
      for (const contact of account.contacts.filter((c) => c.isPrimary)) {
        const email = normaliseEmail(contact.email);
        const result = email ? found("primary_contact_email", index.byEmail.get(email), `the primary contact's e-mail ${email}`) : null;
        if (result) return result;
      }
      return null;
    },
    () => {
      const hits = new Map<string, { candidate: MatchCandidate; email: string }>();
      for (const contact of account.contacts) {
        const email = normaliseEmail(contact.email);
        for (const c of (email && index.byEmail.get(email)) || []) if (!hits.has(c.id)) hits.set(c.id, { candidate: c, email: email! });
      }
      const list = [...hits.values()];
      if (list.length === 0) return null;
      if (list.length === 1) return found("contact_email", [list[0].candidate], `a contact's e-mail ${list[0].email}`);
      return found("contact_email", list.map((h) => h.candidate), "the contacts' e-mails");
    },
    () => {
      const domain = domainOf(account.url);
      return domain && !isFreeMailDomain(domain) ? found("domain", index.byDomain.get(domain), `website domain ${domain}`) : null;
    },
  ];
  for (const step of steps) {
    const result = step();
    if (result) return result;
  }
  return { status: "unmatched", reason: "no saved link, external id, e-mail or website domain matches" };
}

const NAME_THRESHOLD = 0.6;
const MAX_SUGGESTIONS = 5;

/**
 * For an account without an automatic match: candidates sharing its exact domain
 * (several sharing the url's domain, or the domain of a contact's e-mail), then
 * similar names. Never applied on its own.
 */
export function suggestMatches(account: AccountToMatch, index: CandidateIndex): Suggestion[] {
  const out = new Map<string, Suggestion>();
  const domains = new Map<string, string>();
  const urlDomain = domainOf(account.url);
  if (urlDomain) domains.set(urlDomain, `website domain ${urlDomain}`);
  for (const email of [account.email, ...account.contacts.map((c) => c.email)]) {
    const domain = emailDomain(normaliseEmail(email));
    if (domain && !domains.has(domain)) domains.set(domain, `e-mail domain ${domain}`);
  }
  for (const [domain, why] of domains) {
    if (isFreeMailDomain(domain)) continue;
    for (const c of index.byDomain.get(domain) ?? []) {
      if (!out.has(c.id)) out.set(c.id, { candidateId: c.id, candidateName: c.name, kind: "domain", exact: true, score: 1, why: `same ${why}` });
    }
  }
  const seen = new Set<MatchCandidate>();
  for (const token of nameTokens(account.name)) for (const c of index.byNameToken.get(token) ?? []) seen.add(c);
  const named = [...seen]
    .filter((c) => !out.has(c.id))
    .map((c) => ({ c, score: nameSimilarity(account.name, c.name) }))
    .filter(({ score }) => score >= NAME_THRESHOLD)
    .sort((a, b) => b.score - a.score || a.c.name.localeCompare(b.c.name));
  for (const { c, score } of named) {
    out.set(c.id, { candidateId: c.id, candidateName: c.name, kind: "name", exact: false, score, why: `similar name (${Math.round(score * 100)} %)` });
  }
  return [...out.values()].slice(0, MAX_SUGGESTIONS);
}

/** The one candidate a bulk "confirm exact-domain suggestions" links, if exactly one. */
export function soleExactDomainSuggestion(suggestions: Suggestion[]): Suggestion | null {
  const exact = suggestions.filter((s) => s.kind === "domain" && s.exact);
  return exact.length === 1 ? exact[0] : null;
}

/** Candidates whose name, e-mail, website or id contain the text: the Matching view's search. */
export function searchCandidates(candidates: MatchCandidate[], text: string, limit = 20): MatchCandidate[] {
  const q = text.trim().toLowerCase();
  if (!q) return [];
  return candidates
    .filter((c) => [c.name, c.id, ...c.emails, ...c.websites, ...c.externalIds].some((v) => v.toLowerCase().includes(q)))
    .slice(0, limit);
}
