// The account page: the account, its contacts, and its deals' totals (the deals themselves
// come from the deals table filtered by this account).
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
  const deals = await summarizeDeals({ account: id, status: "active" }, db);
  return { account, deals };
}
