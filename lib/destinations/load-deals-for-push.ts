// Deals with their account, the account's contacts and the existing link to one
// destination, in the shape every destination plans from. A deal standing for a link group
// (deals from several sources that are the same record) is merged: each field from the group's
// winner, and the link to the destination made through any of its sources.
import "server-only";
import { getDb } from "@/lib/db/client";
import { linkedFieldWinners, mergedProperties } from "@/lib/deals/linked-field-winners";
import { missingAmountHint } from "@/lib/sources/registry";
import type { DealForPush } from "./types";

export async function loadDealsForPush(dealIds: string[], destinationId: string): Promise<DealForPush[]> {
  if (!dealIds.length) return [];
  const include = {
    account: {
      include: {
        contacts: { where: { removedAt: null }, orderBy: [{ isPrimary: "desc" as const }, { externalId: "asc" as const }] },
        links: { where: { destinationId }, select: { externalId: true, externalName: true } },
      },
    },
    links: { where: { destinationId }, select: { externalId: true } },
  };
  const rows = await getDb().deal.findMany({
    where: { id: { in: dealIds } },
    include: { ...include, source: { select: { kind: true } }, linkedDeals: { where: { removedAt: null }, include } },
  });
  const byId = new Map(rows.map((d) => [d.id, d]));
  return dealIds.flatMap((id) => {
    const d = byId.get(id);
    if (!d) return [];
    const members = [d, ...d.linkedDeals];
    const win = linkedFieldWinners(members);
    const account = win.account.account;
    const accountProps = (account?.properties ?? {}) as Record<string, unknown>;
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
        account: account
          ? {
              id: account.id,
              externalId: account.externalId,
              name: account.name,
              url: account.url,
              industry: account.industry,
              email: typeof accountProps.email === "string" ? accountProps.email : null,
              properties: accountProps,
              link: account.links[0] ?? null,
            }
          : null,
        contacts: (account?.contacts ?? []).map((c) => ({
          externalId: c.externalId,
          firstName: c.firstName,
          lastName: c.lastName,
          email: c.email,
          role: c.role,
          phone: c.phone,
          linkedinUrl: c.linkedinUrl,
          reportsToExternalId: c.reportsToExternalId,
          isPrimary: c.isPrimary,
        })),
        // The group's own link first, else one made through another of its sources.
        linkedExternalId: members.find((m) => m.links.length)?.links[0]?.externalId ?? null,
      },
    ];
  });
}
