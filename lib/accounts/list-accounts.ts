// The accounts table's query: a keyset page of accounts with their deal count and value.
import "server-only";
import { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import { containsText } from "@/lib/db/contains-text";
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

/** An account from several sources is one row, the group's account, found through any of its sources. */
export function accountWhere(filter: AccountFilter): Prisma.AccountWhereInput {
  return {
    linkedToAccountId: null,
    ...(filter.q ? { name: containsText(filter.q) } : {}),
    ...(filter.source ? { OR: [{ sourceId: filter.source }, { linkedAccounts: { some: { sourceId: filter.source } } }] } : {}),
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
  // Totals for the page's accounts (with the accounts linked to them) only, over the accountId index.
  // A deal that arrives from two sources under the group's accounts counts once (its newest copy's amount).
  const ids = page.rows.map((a) => a.id);
  const totals = ids.length
    ? await db.$queryRaw<{ account: string; deals: bigint; total: bigint | null }[]>`
        with copies as (
          select distinct on (coalesce(a."linkedToAccountId", a.id), coalesce(d."linkedToDealId", d.id))
            coalesce(a."linkedToAccountId", a.id) as account, d."amountBaseMinor" as amount
          from "Account" a join "Deal" d on d."accountId" = a.id and d."removedAt" is null
          where a.id = any(${ids}) or a."linkedToAccountId" = any(${ids})
          order by coalesce(a."linkedToAccountId", a.id), coalesce(d."linkedToDealId", d.id), d."updatedAt" desc)
        select account, count(*) as deals, sum(amount)::bigint as total from copies group by account`
    : [];
  const byAccount = new Map(totals.map((t) => [t.account, { dealCount: Number(t.deals), totalBaseMinor: t.total ?? 0n }]));
  return { ...page, rows: page.rows.map((a) => ({ ...a, ...(byAccount.get(a.id) ?? { dealCount: 0, totalBaseMinor: 0n }) })) };
}
