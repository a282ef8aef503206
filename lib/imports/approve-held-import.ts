// Approving a held run applies exactly the staging that was reviewed, in one transaction,
// through the same apply path as any import. Refused when anything was applied to the source
// after the diff was taken (another run, a rollback): the live data it was diffed against
// has moved, so the run must be re-diffed and reviewed again first.
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { linkImportedRecords } from "@/lib/linking/link-imported-records";
import { applyAccounts, applyContacts, applyDeals, type KindCounts } from "./apply-staged-records";
import { inHeldStagingTransaction, withLockedHeldRun } from "./held-run";
import type { RecordKind } from "./import-reader";
import { recordRunEvent } from "./record-run-event";
import type { ImportCounts } from "./run-import";

/** Approve and discard: who decides says why. */
export const reviewDecisionSchema = z.object({
  comment: z.string().trim().max(1000, "comment: at most 1000 characters").nullish().transform((v) => v || null),
});

export async function approveHeldImport(runId: string, input: unknown, actor: Actor | null): Promise<{ runId: string; status: "succeeded"; counts: ImportCounts }> {
  const { comment } = reviewDecisionSchema.parse(input);
  return withLockedHeldRun(runId, "dealport-approve", async (client, run) => {
    const since = await client.query(
      `select number, "rollbackOfRunId" is not null as rollback from "ImportRun"
       where "sourceId" = $1 and status = 'succeeded' and "finishedAt" > $2 order by "finishedAt"`,
      [run.sourceId, run.heldAt],
    );
    if (since.rows.length > 0) {
      const what = since.rows.map((r) => `${r.rollback ? "rollback" : "run"} #${r.number}`).join(", ");
      throw new AppError(
        "conflict",
        `Since run #${run.number} was diffed, ${what} changed "${run.sourceName}", so its review no longer matches the live data; nothing was applied. Re-diff it, review the changes again, then approve.`,
        { appliedSince: since.rows.map((r) => r.number) },
      );
    }
    return inHeldStagingTransaction(client, run, async (meta) => {
      await client.query("set local gin_pending_list_limit = '64MB'");
      const applied: Partial<Record<RecordKind, KindCounts>> = {};
      if (meta.scopes.accounts) applied.accounts = await applyAccounts(client, run.sourceId, run.id, meta.scopes.accounts);
      if (meta.scopes.deals) applied.deals = await applyDeals(client, run.sourceId, run.id, meta.scopes.deals);
      if (meta.scopes.contacts) applied.contacts = await applyContacts(client, run.sourceId, run.id, meta.scopes.contacts);
      await linkImportedRecords(client, run.sourceId, run.id, { accounts: Boolean(meta.scopes.accounts), deals: Boolean(meta.scopes.deals) });
      const counts: ImportCounts = {
        ...run.counts,
        ...(applied.deals ? { new: applied.deals.new, changed: applied.deals.changed, unchanged: applied.deals.unchanged, removed: applied.deals.removed, liveDeals: applied.deals.live } : {}),
        ...(applied.accounts ? { accounts: { ...applied.accounts, rejected: meta.rejected.accounts } } : {}),
        ...(applied.contacts ? { contacts: { ...applied.contacts, rejected: meta.rejected.contacts } } : {}),
      };
      const updated = await client.query(
        `update "ImportRun" set status = 'succeeded', counts = $2, "finishedAt" = now(), "stagedBytes" = null where id = $1 and status = 'held'`,
        [run.id, counts],
      );
      if (updated.rowCount !== 1) throw new AppError("conflict", `Run #${run.number} was discarded or expired meanwhile; nothing was applied`);
      await client.query(`delete from "StagedImportRow" where "runId" = $1`, [run.id]);
      await recordRunEvent(client, {
        runId: run.id,
        kind: "approved",
        actor,
        comment,
        summary: `Approved held import run #${run.number} of "${run.sourceName}": ${counts.new} new, ${counts.changed} changed, ${counts.removed} removed`,
        details: { counts },
      });
      return { runId: run.id, status: "succeeded" as const, counts };
    });
  });
}
