// The account page: the account, its contacts, and its deals' totals (the deals themselves
// come from the deals table filtered by this account and the accounts linked to it).
import "server-only";
import { getDb, type Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { summarizeDeals } from "@/lib/deals/summarize-deals";

export async function getAccountDetail(id: string, db: Db = getDb()) {
  const account = await db.account.findUnique({
    where: { id },
    include: {
      source: { select: { id: true, name: true } },
      contacts: { orderBy: [{ isPrimary: "desc" }, { lastName: "asc" }, { firstName: "asc" }], take: 500 },
    },
  });
  if (!account) throw new AppError("not_found", `No account with id ${id}`);
  const groupId = account.linkedToAccountId ?? account.id;
  const [deals, sameAccount] = await Promise.all([
    summarizeDeals({ account: id, status: "active" }, db),
    // The same customer as other sources hold it (linked accounts); the deals above cover them all.
    db.account.findMany({
      where: { id: { not: id }, OR: [{ id: groupId }, { linkedToAccountId: groupId }] },
      select: { id: true, name: true, externalId: true, source: { select: { name: true } } },
      orderBy: { id: "asc" },
    }),
  ]);
  return { account, deals, sameAccount };
}
