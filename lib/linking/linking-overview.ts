// Settings → Linking and GET /api/v1/linking: the link rules for deals and accounts, which
// source each linked-deal field comes from, and the suggestions waiting for an operator.
import "server-only";
import { listAccountLinkRules } from "@/lib/accounts/link-accounts";
import { getDb } from "@/lib/db/client";
import { listDealLinkRules } from "@/lib/deals/link-deals";
import { loadLinkedFieldPreferences } from "@/lib/deals/linked-field-sources";

const SUGGESTIONS_SHOWN = 200;

const dealSummary = {
  id: true,
  name: true,
  externalId: true,
  stage: true,
  amountMinor: true,
  currency: true,
  account: { select: { name: true, url: true } },
  source: { select: { id: true, name: true } },
} as const;
const accountSummary = { id: true, name: true, externalId: true, url: true, source: { select: { id: true, name: true } } } as const;

export async function getLinkingOverview() {
  const db = getDb();
  const [sources, dealRules, accountRules, fieldSources, dealSuggestions, accountSuggestions, pendingDeals, pendingAccounts] = await Promise.all([
    db.source.findMany({ select: { id: true, name: true, kind: true, format: true }, orderBy: { name: "asc" } }),
    listDealLinkRules(),
    listAccountLinkRules(),
    loadLinkedFieldPreferences(db),
    db.dealLinkSuggestion.findMany({
      where: { status: "pending" },
      include: { deal: { select: dealSummary }, otherDeal: { select: dealSummary } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: SUGGESTIONS_SHOWN,
    }),
    db.accountLinkSuggestion.findMany({
      where: { status: "pending" },
      include: { account: { select: accountSummary }, otherAccount: { select: accountSummary } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: SUGGESTIONS_SHOWN,
    }),
    db.dealLinkSuggestion.count({ where: { status: "pending" } }),
    db.accountLinkSuggestion.count({ where: { status: "pending" } }),
  ]);
  return { sources, dealRules, accountRules, fieldSources, dealSuggestions, accountSuggestions, pending: { deals: pendingDeals, accounts: pendingAccounts } };
}

export type LinkingOverview = Awaited<ReturnType<typeof getLinkingOverview>>;
