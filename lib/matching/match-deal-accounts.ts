// The destinations' side of matching: the accounts of a batch of deals against the
// destination's whole candidate list (read once per run), keyed by our account id.
import type { DealForPush } from "@/lib/destinations/types";
import { accountFieldValue } from "./match-config";
import { indexCandidates, matchAccount, type AccountMatch, type AccountToMatch, type MatchCandidate } from "./match-account";

export function accountToMatch(deal: DealForPush, externalIdField: string): AccountToMatch | null {
  const account = deal.account;
  if (!account) return null;
  return {
    id: account.id,
    name: account.name,
    url: account.url,
    email: account.email,
    contacts: deal.contacts.map((c) => ({ email: c.email, isPrimary: c.isPrimary })),
    externalIdValue: accountFieldValue(account, externalIdField),
    link: account.link,
  };
}

export function matchDealAccounts(deals: DealForPush[], candidates: MatchCandidate[], externalIdField: string): Record<string, AccountMatch> {
  const index = indexCandidates(candidates);
  const out: Record<string, AccountMatch> = {};
  for (const deal of deals) {
    const account = accountToMatch(deal, externalIdField);
    if (account && !Object.hasOwn(out, account.id)) out[account.id] = matchAccount(account, index);
  }
  return out;
}

/** The problem a plan reports for an account nothing matched. */
export function unmatchedProblem(label: string, noun: string, accountName: string, match: AccountMatch | undefined): string {
  const reason = match?.status === "unmatched" ? match.reason : "not looked up";
  return `Account "${accountName}" has no matching ${label} ${noun}: ${reason} (confirm one in the Matching view)`;
}
