// Re-diffing a held run: its staging compared again with the live data as it is now (after
// whatever was applied since), the rules re-checked, and the review replaced. Approval then
// applies against this new baseline.
import type { Actor } from "@/lib/auth/permissions";
import { matchStagedDeals } from "./apply-staged-records";
import { checkReviewRules, heldDealCounts, saveHeldDiff } from "./hold-staged-import";
import type { RecordKind } from "./import-reader";
import { inHeldStagingTransaction, withLockedHeldRun } from "./held-run";
import { recordRunEvent } from "./record-run-event";
import type { ImportCounts } from "./run-import";

export async function rediffHeldImport(runId: string, actor: Actor | null): Promise<{ runId: string; counts: ImportCounts }> {
  return withLockedHeldRun(runId, "dealport-rediff", (client, run) =>
    inHeldStagingTransaction(client, run, async (meta) => {
      const scopes = new Map(Object.entries(meta.scopes) as [RecordKind, "snapshot" | "partial"][]);
      if (scopes.has("deals")) await matchStagedDeals(client, run.sourceId);
      const reasons = await checkReviewRules(client, {
        sourceId: run.sourceId,
        scopes,
        rejectedRows: meta.rejected.deals + meta.rejected.accounts + meta.rejected.contacts,
        rowsRead: run.counts.rows,
      });
      await saveHeldDiff(client, run.sourceId, run.id, meta);
      const counts: ImportCounts = { ...run.counts, ...(await heldDealCounts(client, run.id)) };
      await client.query(`update "ImportRun" set counts = $2, "holdReasons" = $3, "heldAt" = now() where id = $1`, [run.id, counts, JSON.stringify(reasons)]);
      await recordRunEvent(client, {
        runId: run.id,
        kind: "rediffed",
        actor,
        summary: `Re-diffed held import run #${run.number} of "${run.sourceName}" against the live data: ${counts.new} new, ${counts.changed} changed, ${counts.removed} removed`,
        details: { counts, reasons },
      });
      return { runId: run.id, counts };
    }),
  );
}
