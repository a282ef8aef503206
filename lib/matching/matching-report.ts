// The Matching view, the CLI's `match list` and GET /api/v1/destinations/{id}/matching:
// every active account against the destination's whole candidate list — saved links,
// automatic matches (and by which rule), and accounts with none, with suggestions.
import { z } from "zod";
import { loadAccountGroups } from "@/lib/accounts/account-groups";
import { openConnection, type OpenedDestination } from "@/lib/destinations/open-connection";
import { destinationModule } from "@/lib/destinations/registry";
import { findDestination } from "@/lib/destinations/find-destination";
import { listDestinations } from "@/lib/destinations/list-destinations";
import type { PerDealDestination } from "@/lib/destinations/types";
import { AppError } from "@/lib/errors";
import { accountFieldValue } from "./match-config";
import {
  indexCandidates,
  matchAccount,
  searchCandidates,
  soleExactDomainSuggestion,
  suggestMatches,
  type AccountToMatch,
  type MatchCandidate,
  type MatchRule,
  type Suggestion,
} from "./match-account";

/** Rows shown per list; counts cover every account. */
export const REPORT_LIMIT = 200;

export type MatchingSession = {
  destination: { id: string; name: string; kind: string };
  noun: string;
  candidates: MatchCandidate[];
  externalIdField: string;
};

/** Opens the destination and reads its candidates; refuses destinations that don't match accounts. */
export async function openMatchingSession(destinationRef: string): Promise<MatchingSession> {
  const destination = await findDestination(destinationRef);
  const opened: OpenedDestination = await openConnection(destination);
  const adapter = opened.adapter as PerDealDestination<unknown, unknown, unknown, unknown>;
  if (adapter.delivery !== "per_deal" || !adapter.matching) {
    throw new AppError("bad_request", `Destination "${destination.name}" (${destination.kind}) doesn't match accounts to records of its own`);
  }
  return {
    destination: { id: destination.id, name: destination.name, kind: destination.kind },
    noun: adapter.matching.noun,
    candidates: await adapter.matching.candidates(opened.conn),
    externalIdField: adapter.matching.externalIdField(opened.conn.config),
  };
}

/** The destinations whose deals attach to records they already have (ChartMogul, Pipeliner). */
export async function listMatchingDestinations() {
  const out: { id: string; name: string; kind: string; noun: string }[] = [];
  for (const d of await listDestinations()) {
    const adapter = destinationModule(d.kind);
    if (adapter.delivery === "per_deal" && adapter.matching) out.push({ id: d.id, name: d.name, kind: d.kind, noun: adapter.matching.noun });
  }
  return out;
}

/** Active accounts (an account from several sources once) with their contacts and their saved link to this destination. */
export async function loadAccountsToMatch(destinationId: string, externalIdField: string, accountIds?: string[]): Promise<AccountToMatch[]> {
  const groups = await loadAccountGroups({ removedAt: null, linkedToAccountId: null, ...(accountIds ? { id: { in: accountIds } } : {}) }, destinationId, [{ name: "asc" }, { id: "asc" }]);
  return groups.map(({ account, contacts }) => ({
    id: account.id,
    name: account.name,
    url: account.url,
    email: account.email,
    contacts: contacts.map((c) => ({ email: c.email, isPrimary: c.isPrimary })),
    externalIdValue: accountFieldValue(account, externalIdField),
    link: account.link,
  }));
}

export type MatchingReport = {
  destination: MatchingSession["destination"];
  noun: string;
  counts: { accounts: number; linked: number; automatic: number; unmatched: number; bulkConfirmable: number; candidates: number };
  linked: { accountId: string; accountName: string; externalId: string; externalName: string | null }[];
  automatic: { accountId: string; accountName: string; rule: MatchRule; candidateId: string; candidateName: string | null; matchedBy: string }[];
  unmatched: { accountId: string; accountName: string; url: string | null; reason: string; suggestions: Suggestion[] }[];
  /** Candidates whose name, e-mail, website or id contain `search`. */
  searchResults: { id: string; name: string; emails: string[]; websites: string[] }[];
};

export const matchingQuerySchema = z.object({ search: z.string().trim().max(200).optional() }).strict();

export async function getMatchingReport(destinationRef: string, options: z.input<typeof matchingQuerySchema> = {}): Promise<MatchingReport> {
  const session = await openMatchingSession(destinationRef);
  return buildReport(session, await loadAccountsToMatch(session.destination.id, session.externalIdField), options.search ?? "");
}

export function buildReport(session: MatchingSession, accounts: AccountToMatch[], search: string): MatchingReport {
  const index = indexCandidates(session.candidates);
  const report: MatchingReport = {
    destination: session.destination,
    noun: session.noun,
    counts: { accounts: accounts.length, linked: 0, automatic: 0, unmatched: 0, bulkConfirmable: 0, candidates: session.candidates.length },
    linked: [],
    automatic: [],
    unmatched: [],
    searchResults: searchCandidates(session.candidates, search).map(({ id, name, emails, websites }) => ({ id, name, emails, websites })),
  };
  for (const account of accounts) {
    const match = matchAccount(account, index);
    if (match.status === "matched" && match.rule === "link") {
      report.counts.linked++;
      if (report.linked.length < REPORT_LIMIT) {
        report.linked.push({ accountId: account.id, accountName: account.name, externalId: match.candidateId, externalName: match.candidateName });
      }
    } else if (match.status === "matched") {
      report.counts.automatic++;
      if (report.automatic.length < REPORT_LIMIT) {
        const { rule, candidateId, candidateName, matchedBy } = match;
        report.automatic.push({ accountId: account.id, accountName: account.name, rule, candidateId, candidateName, matchedBy });
      }
    } else {
      const suggestions = suggestMatches(account, index);
      report.counts.unmatched++;
      if (soleExactDomainSuggestion(suggestions)) report.counts.bulkConfirmable++;
      if (report.unmatched.length < REPORT_LIMIT) {
        report.unmatched.push({ accountId: account.id, accountName: account.name, url: account.url, reason: match.reason, suggestions });
      }
    }
  }
  return report;
}
