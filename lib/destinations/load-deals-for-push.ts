// Deals with their account, the account's contacts and the existing link to one
// destination, in the shape every destination plans from.
import "server-only";
import { getDb } from "@/lib/db/client";
import type { DealForPush } from "./types";

export async function loadDealsForPush(dealIds: string[], destinationId: string): Promise<DealForPush[]> {
  if (!dealIds.length) return [];
  const rows = await getDb().deal.findMany({
    where: { id: { in: dealIds } },
    include: {
      source: { select: { kind: true } },
      account: {
        include: {
          contacts: { where: { removedAt: null }, orderBy: [{ isPrimary: "desc" }, { externalId: "asc" }] },
          links: { where: { destinationId }, select: { externalId: true, externalName: true } },
        },
      },
      links: { where: { destinationId }, select: { externalId: true } },
    },
  });
  const byId = new Map(rows.map((d) => [d.id, d]));
  return dealIds.flatMap((id) => {
    const d = byId.get(id);
    if (!d) return [];
    const accountProps = (d.account?.properties ?? {}) as Record<string, unknown>;
    return [
      {
        id: d.id,
        externalId: d.externalId,
        sourceKind: d.source.kind,
        name: d.name,
        stage: d.stage,
        pipeline: d.pipeline,
        owner: d.owner,
        amountMinor: d.amountMinor?.toString() ?? null,
        currency: d.currency,
        amountBaseMinor: d.amountBaseMinor?.toString() ?? null,
        closeDate: d.closeDate ? d.closeDate.toISOString().slice(0, 10) : null,
        sourceCreatedAt: d.sourceCreatedAt?.toISOString() ?? null,
        firstSeenAt: d.createdAt.toISOString(),
        properties: (d.properties ?? {}) as Record<string, unknown>,
        account: d.account
          ? {
              id: d.account.id,
              externalId: d.account.externalId,
              name: d.account.name,
              url: d.account.url,
              industry: d.account.industry,
              email: typeof accountProps.email === "string" ? accountProps.email : null,
              properties: accountProps,
              link: d.account.links[0] ?? null,
            }
          : null,
        contacts: (d.account?.contacts ?? []).map((c) => ({
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
        linkedExternalId: d.links[0]?.externalId ?? null,
      },
    ];
  });
}
