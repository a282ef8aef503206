// GET /api/v1/accounts — list accounts (?q, ?source, ?status), one keyset page at a time (?after=<nextCursor>)
import { apiRoute } from "@/app/_lib/api-route";
import { listAccounts, listAccountsInputSchema } from "@/lib/accounts/list-accounts";
import { accountFilterSchema } from "@/lib/accounts/account-table-params";

const querySchema = listAccountsInputSchema.omit({ filter: true }).extend(accountFilterSchema.shape).strict();

export const GET = apiRoute("signedIn", async (req) => {
  const { q, source, status, ...paging } = querySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  const page = await listAccounts({ filter: { q, source, status }, ...paging });
  return { accounts: page.rows, nextCursor: page.nextCursor, prevCursor: page.prevCursor };
});
