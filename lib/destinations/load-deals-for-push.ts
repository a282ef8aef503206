// Deals with their account, the account's contacts and the existing link to one
// destination, in the shape every destination plans from. A deal standing for a link group
// (deals from several sources that are the same record) is merged: each field from the group's
// winner, and the link to the destination made through any of its sources. Its account is
// the account's group (lib/accounts/account-groups.ts), so linked accounts push once.
import "server-only";
import { groupAccountId, loadAccountGroups } from "@/lib/accounts/account-groups";
import { getDb } from "@/lib/db/client";
import { loadLinkedFieldPreferences } from "@/lib/deals/linked-field-sources";
import { linkedFieldWinners, mergedProperties } from "@/lib/deals/linked-field-winners";
import { missingAmountHint } from "@/lib/sources/registry";
import type { DealForPush } from "./types";

export async function loadDealsForPush(dealIds: string[], destinationId: string): Promise<DealForPush[]> {
  if (!dealIds.length) return [];
  const include = {
    account: { select: { id: true, linkedToAccountId: true } },
    links: { where: { destinationId }, select: { externalId: true } },
  };
  const rows = await getDb().deal.findMany({
    where: { id: { in: dealIds } },
    include: { ...include, source: { select: { kind: true } }, linkedDeals: { where: { removedAt: null }, include } },
  });
  const byId = new Map(rows.map((d) => [d.id, d]));
  const preferences = await loadLinkedFieldPreferences();
  const winners = new Map(rows.map((d) => [d.id, linkedFieldWinners([d, ...d.linkedDeals], preferences)]));
  // Each deal's account as its group: deals whose accounts are linked push to one customer.
  const accountIds = [...new Set([...winners.values()].flatMap((w) => (w.account.account ? [groupAccountId(w.account.account)] : [])))];
  const accounts = new Map((accountIds.length ? await loadAccountGroups({ id: { in: accountIds } }, destinationId) : []).map((g) => [g.account.id, g]));
  return dealIds.flatMap((id) => {
    const d = byId.get(id);
    if (!d) return [];
    const members = [d, ...d.linkedDeals];
    const win = winners.get(id)!;
    const group = win.account.account ? accounts.get(groupAccountId(win.account.account)) : undefined;
    return [
      {
        id: d.id,
        externalId: d.externalId,
        missingAmountHint: missingAmountHint(d.source.kind),
        name: win.name.name,
        stage: win.stage.stage,
        pipeline: win.pipeline.pipeline,
        owner: win.owner.owner,
        amountMinor: win.amount.amountMinor?.toString() ?? null,
        currency: win.amount.currency,
        amountBaseMinor: win.amount.amountBaseMinor?.toString() ?? null,
        closeDate: win.closeDate.closeDate ? win.closeDate.closeDate.toISOString().slice(0, 10) : null,
        sourceCreatedAt: win.sourceCreatedAt.sourceCreatedAt?.toISOString() ?? null,
        firstSeenAt: new Date(Math.min(...members.map((m) => m.createdAt.getTime()))).toISOString(),
        properties: members.length > 1 ? mergedProperties(members) : ((d.properties ?? {}) as Record<string, unknown>),
        account: group?.account ?? null,
        contacts: group?.contacts ?? [],
        // The group's own link first, else one made through another of its sources.
        linkedExternalId: members.find((m) => m.links.length)?.links[0]?.externalId ?? null,
      },
    ];
  });
}
