// Approving a held run applies exactly the staging that was reviewed, in one transaction,
// through the same apply path as any import. Refused when anything was applied to the source
// after the diff was taken (another run, a rollback): the live data it was diffed against
// has moved, so the run must be re-diffed and reviewed again first.
import type pg from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import { connectPg } from "@/lib/db/connect-pg";
import { AppError } from "@/lib/errors";
import { applyAccounts, applyContacts, applyDeals, type KindCounts } from "./apply-staged-records";
import type { RecordKind } from "./import-reader";
import { tryLockSource, unlockSource } from "./import-lock";
import { recordRunEvent } from "./record-run-event";
import { restoreHeldStaging } from "./restore-held-staging";
import type { ImportCounts } from "./run-import";

/** Approve and discard: who decides says why. */
export const reviewDecisionSchema = z.object({
  comment: z.string().trim().max(1000, "comment: at most 1000 characters").nullish().transform((v) => v || null),
});
export type ReviewDecisionInput = z.input<typeof reviewDecisionSchema>;

export interface HeldRun {
  id: string;
  number: number;
  sourceId: string;
  sourceName: string;
  heldAt: Date;
  counts: ImportCounts;
}

/** The held run, or a clear refusal. */
export async function loadHeldRun(client: pg.Client, runId: string): Promise<HeldRun> {
  const result = await client.query(
    `select r.id, r.number, r.status, r."sourceId", s.name as source_name, r."heldAt", r.counts
     from "ImportRun" r join "Source" s on s.id = r."sourceId" where r.id = $1`,
    [runId],
  );
  const row = result.rows[0];
  if (!row) throw new AppError("not_found", `No import run with id ${runId}`);
  if (row.status !== "held") throw new AppError("conflict", `Run #${row.number} is not waiting for review (it is ${row.status})`);
  return { id: row.id, number: row.number, sourceId: row.sourceId, sourceName: row.source_name, heldAt: row.heldAt, counts: row.counts };
}

/** Runs `work` while `client` holds the source's import lock, so no import or rollback interleaves. */
export async function withSourceLock<T>(client: pg.Client, run: HeldRun, work: () => Promise<T>): Promise<T> {
  if (!(await tryLockSource(client, run.sourceId))) {
    throw new AppError("conflict", `An import or rollback of "${run.sourceName}" is running; try again when it has finished`);
  }
  try {
    return await work();
  } finally {
    await unlockSource(client, run.sourceId).catch(() => {});
  }
}

export async function approveHeldImport(runId: string, input: ReviewDecisionInput, actor: Actor | null): Promise<{ runId: string; status: "succeeded"; counts: ImportCounts }> {
  const { comment } = reviewDecisionSchema.parse(input);
  const client = await connectPg("dealport-approve");
  try {
    return await withSourceLock(client, await loadHeldRun(client, runId), async () => {
      const run = await loadHeldRun(client, runId);
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
      const { staging, meta } = await restoreHeldStaging(client, run.id);
      try {
        await client.query("begin");
        try {
          await client.query("set local gin_pending_list_limit = '64MB'");
          const applied: Partial<Record<RecordKind, KindCounts>> = {};
          if (meta.scopes.accounts) applied.accounts = await applyAccounts(client, run.sourceId, run.id, meta.scopes.accounts);
          if (meta.scopes.deals) applied.deals = await applyDeals(client, run.sourceId, run.id, meta.scopes.deals);
          if (meta.scopes.contacts) applied.contacts = await applyContacts(client, run.sourceId, run.id, meta.scopes.contacts);
          const counts: ImportCounts = {
            ...run.counts,
            ...(applied.deals ?? {}),
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
          await client.query("commit");
          return { runId: run.id, status: "succeeded" as const, counts };
        } catch (error) {
          await client.query("rollback").catch(() => {});
          throw error;
        }
      } finally {
        await staging.drop().catch(() => {});
      }
    });
  } finally {
    await client.end().catch(() => {});
  }
}
