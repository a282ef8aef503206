// Run inside an import's apply transaction (a fresh run, or a held run approved later):
// accounts first, since deal suggestions compare their accounts' domains.
import type pg from "pg";
import { linkImportedAccounts } from "@/lib/accounts/link-accounts";
import { linkImportedDeals } from "@/lib/deals/link-deals";

export async function linkImportedRecords(client: pg.Client, sourceId: string, runId: string, applied: { accounts: boolean; deals: boolean }) {
  // Deals bring their accounts with them (inline account columns), so either kind can add accounts.
  if (applied.accounts || applied.deals) await linkImportedAccounts(client, sourceId, runId);
  if (applied.deals) await linkImportedDeals(client, sourceId, runId);
}
