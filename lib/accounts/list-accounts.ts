// The accounts table's query: a keyset page of accounts with their deal count and value.
import "server-only";
import { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { keysetPage, type KeysetPage } from "@/lib/pagination/keyset";
import { accountFilterSchema, accountSortSchema, type AccountFilter } from "./account-table-params";

export const listAccountsInputSchema = accountSortSchema.extend({
  filter: accountFilterSchema.default({}),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  after: z.string().max(500).optional(),
  before: z.string().max(500).optional(),
});
export type ListAccountsInput = z.input<typeof listAccountsInputSchema>;

export function accountWhere(filter: AccountFilter): Prisma.AccountWhereInput {
  return {
    ...(filter.q ? { name: { contains: filter.q, mode: "insensitive" } } : {}),
    ...(filter.source ? { sourceId: filter.source } : {}),
    ...(filter.status === "active" ? { removedAt: null } : filter.status === "removed" ? { removedAt: { not: null } } : {}),
  };
}

const accountListSelect = {
  id: true,
  externalId: true,
  name: true,
  url: true,
  industry: true,
  removedAt: true,
  source: { select: { id: true, name: true } },
  _count: { select: { contacts: true } },
} satisfies Prisma.AccountSelect;

export type AccountListRow = Prisma.AccountGetPayload<{ select: typeof accountListSelect }> & {
  dealCount: number;
  totalBaseMinor: bigint;
};

export async function listAccounts(input: ListAccountsInput, db: Db = getDb()): Promise<KeysetPage<AccountListRow>> {
  const { filter, dir, limit, after, before } = listAccountsInputSchema.parse(input);
  const page = await keysetPage(accountWhere(filter), { column: { column: "name", type: "string", nullable: false }, dir, limit, after, before }, (segment) =>
    db.account.findMany({
      where: segment.where as Prisma.AccountWhereInput,
      orderBy: segment.orderBy as Prisma.AccountOrderByWithRelationInput[],
      take: segment.take,
      select: accountListSelect,
    }),
  );
  // Totals for the page's accounts only: one grouped query over the accountId index.
  const totals = page.rows.length
    ? await db.deal.groupBy({
        by: ["accountId"],
        where: { accountId: { in: page.rows.map((a) => a.id) }, removedAt: null },
        _count: { _all: true },
        _sum: { amountBaseMinor: true },
      })
    : [];
  const byAccount = new Map(totals.map((t) => [t.accountId, t]));
  return {
    ...page,
    rows: page.rows.map((a) => ({
      ...a,
      dealCount: byAccount.get(a.id)?._count._all ?? 0,
      totalBaseMinor: byAccount.get(a.id)?._sum.amountBaseMinor ?? 0n,
    })),
  };
}
