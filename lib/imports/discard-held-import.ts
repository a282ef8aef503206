// Ending a held run without applying it: discarded by a person (with why), or expired when
// nobody decided in time. Either way its staging is freed and nothing live changes.
import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { connectPg } from "@/lib/db/connect-pg";
import { AppError } from "@/lib/errors";
import { reviewDecisionSchema } from "./approve-held-import";
import { loadHeldRun } from "./held-run";
import { recordRunEvent } from "./record-run-event";

export async function discardHeldImport(runId: string, input: unknown, actor: Actor | null): Promise<{ runId: string; status: "discarded" }> {
  const { comment } = reviewDecisionSchema.parse(input);
  const client = await connectPg("dealport-discard");
  try {
    const run = await loadHeldRun(client, runId);
    await client.query("begin");
    try {
      // Conditional on still being held: an approval that got there first wins.
      const updated = await client.query(
        `update "ImportRun" set status = 'discarded', "stagedBytes" = null, error = $2 where id = $1 and status = 'held'`,
        [run.id, `Discarded by ${actor?.email ?? "the system"}${comment ? `: ${comment}` : ""}; nothing was applied`],
      );
      if (updated.rowCount !== 1) throw new AppError("conflict", `Run #${run.number} was approved or expired meanwhile`);
      await client.query(`delete from "StagedImportRow" where "runId" = $1`, [run.id]);
      await recordRunEvent(client, { runId: run.id, kind: "discarded", actor, comment, summary: `Discarded held import run #${run.number} of "${run.sourceName}"` });
      await client.query("commit");
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    }
    return { runId: run.id, status: "discarded" };
  } finally {
    await client.end().catch(() => {});
  }
}

/** Held runs past their expiry: expired, staging freed. Called by the import scheduler's tick. */
export async function expireHeldImports(now = new Date()): Promise<string[]> {
  const due = await getDb().importRun.findMany({ where: { status: "held", expiresAt: { lte: now } }, select: { id: true } });
  const expired: string[] = [];
  for (const { id } of due) {
    const client = await connectPg("dealport-expire");
    try {
      await client.query("begin");
      const updated = await client.query(
        `update "ImportRun" set status = 'expired', "stagedBytes" = null, error = 'Held for review and not approved before it expired; nothing was applied'
         where id = $1 and status = 'held' returning number`,
        [id],
      );
      if (updated.rowCount === 1) {
        await client.query(`delete from "StagedImportRow" where "runId" = $1`, [id]);
        await recordRunEvent(client, { runId: id, kind: "expired", actor: null, summary: `Held import run #${updated.rows[0].number} expired without a decision` });
        expired.push(id);
      }
      await client.query("commit");
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    } finally {
      await client.end().catch(() => {});
    }
  }
  return expired;
}
