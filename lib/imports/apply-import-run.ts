// Applying a staged, checked run to the live tables: one transaction with the run's final
// status, so other sessions see the previous snapshot until COMMIT and the new one after.
import "server-only";
import { linkImportedRecords } from "@/lib/linking/link-imported-records";
import { applyAccounts, applyContacts, applyDeals, type KindCounts } from "./apply-staged-records";
import { finishImportRun } from "./finish-import-run";
import type { RecordKind } from "./import-reader";
import { ImportCancelledError, type ImportRunState } from "./import-run-state";
import type { ImportOutcome } from "./run-import";

export async function applyImportRun(state: ImportRunState): Promise<ImportOutcome> {
  const { client, scopes, sourceId, runId, options, timings } = state;
  await client.query("begin");
  try {
    // Trigram (GIN) indexes on names take each new row through the fast-update pending list
    // instead of the main index; autovacuum merges it later. Much cheaper per inserted deal.
    await client.query("set local gin_pending_list_limit = '64MB'");
    const applied: Partial<Record<RecordKind, KindCounts>> = {};
    // Accounts first: deals and contacts link to them.
    if (scopes.has("accounts")) applied.accounts = await timings.time("apply Account", () => applyAccounts(client, sourceId, runId, scopes.get("accounts")!, timings));
    // runImport diffed the deals already (import_deal_match).
    if (scopes.has("deals")) applied.deals = await applyDeals(client, sourceId, runId, scopes.get("deals")!, timings, true);
    if (scopes.has("contacts")) applied.contacts = await timings.time("apply Contact", () => applyContacts(client, sourceId, runId, scopes.get("contacts")!));
    await timings.time("link records across sources", () => linkImportedRecords(client, sourceId, runId, { accounts: scopes.has("accounts"), deals: scopes.has("deals") }));
    // Cancelled while applying: roll back rather than finish a run the user asked to stop.
    const cancel = await client.query(`select "cancelRequested" from "ImportRun" where id = $1`, [runId]);
    if (cancel.rows[0]?.cancelRequested || options.signal.aborted) throw new ImportCancelledError();
    await options.reader.onApply?.(client);
    const outcome = await finishImportRun(state, "succeeded", applied, null, true);
    await timings.time("commit", () => client.query("commit"));
    return outcome;
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  }
}
