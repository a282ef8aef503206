// An account from several sources as one: the group's account (the one the others link to)
// with the first url and industry any of them has, their properties (the group's account's
// keys over the others'), all their contacts, and a destination link made through any of them.
// Pushes and the Matching view see accounts only this way.
import "server-only";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { DealForPush } from "@/lib/destinations/types";

export type AccountGroup = { account: NonNullable<DealForPush["account"]>; contacts: DealForPush["contacts"] };

const groupInclude = (destinationId: string) =>
  ({
    contacts: {
      where: { removedAt: null },
      orderBy: [{ isPrimary: "desc" }, { externalId: "asc" }],
      select: { externalId: true, firstName: true, lastName: true, email: true, role: true, phone: true, linkedinUrl: true, reportsToExternalId: true, isPrimary: true },
    },
    links: { where: { destinationId }, select: { externalId: true, externalName: true } },
  }) satisfies Prisma.AccountInclude;

/** The groups whose account (linkedToAccountId null or not) `where` selects, merged; in `orderBy` order. */
export async function loadAccountGroups(
  where: Prisma.AccountWhereInput,
  destinationId: string,
  orderBy: Prisma.AccountOrderByWithRelationInput[] = [{ id: "asc" }],
): Promise<AccountGroup[]> {
  const include = groupInclude(destinationId);
  const rows = await getDb().account.findMany({ where, orderBy, include: { ...include, linkedAccounts: { where: { removedAt: null }, orderBy: { id: "asc" }, include } } });
  return rows.map((root) => {
    const group = [root, ...root.linkedAccounts];
    const properties = Object.fromEntries(group.toReversed().flatMap((a) => Object.entries((a.properties ?? {}) as Record<string, unknown>)));
    return {
      account: {
        id: root.id,
        externalId: root.externalId,
        name: root.name,
        url: group.find((a) => a.url)?.url ?? null,
        industry: group.find((a) => a.industry)?.industry ?? null,
        email: typeof properties.email === "string" ? properties.email : null,
        properties,
        link: group.find((a) => a.links.length)?.links[0] ?? null,
      },
      // Each account's contacts primary first, the group's account first: its primary contact leads.
      contacts: group.flatMap((a) => a.contacts),
    };
  });
}

/** The account standing for the group an account belongs to. */
export const groupAccountId = (account: { id: string; linkedToAccountId: string | null }) => account.linkedToAccountId ?? account.id;
