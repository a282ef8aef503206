// `dealport imports approve|discard|rediff|rollback <run-id>`: deciding about held runs and
// rolling back applied ones, the same lib calls as the run page and the REST API.
import { parseArgs } from "node:util";
import { AppError } from "@/lib/errors";
import { approveHeldImport } from "@/lib/imports/approve-held-import";
import { discardHeldImport } from "@/lib/imports/discard-held-import";
import { rediffHeldImport } from "@/lib/imports/rediff-held-import";
import { rollbackImport, type RollbackResult } from "@/lib/imports/rollback-import";
import type { Output } from "../output";

export const IMPORT_REVIEW_USAGE = `  dealport imports approve <run-id> [--comment TEXT]     apply a held run exactly as reviewed
  dealport imports discard <run-id> [--comment TEXT]     end a held run without applying it
  dealport imports rediff <run-id>                       diff a held run again against the live data
  dealport imports rollback <run-id> [--dry-run] [--cascade] [--comment TEXT]`;

export const IMPORT_REVIEW_VERBS = ["approve", "discard", "rediff", "rollback"] as const;

export async function runImportReview(verb: (typeof IMPORT_REVIEW_VERBS)[number], args: string[], out: Output) {
  const { values, positionals } = parseArgs({
    args,
    options: { comment: { type: "string" }, "dry-run": { type: "boolean" }, cascade: { type: "boolean" } },
    allowPositionals: true,
    strict: true,
  });
  const runId = positionals[0];
  if (!runId) throw new AppError("bad_request", `usage:\n${IMPORT_REVIEW_USAGE}`);
  if (verb === "rollback") {
    const result = await rollbackImport(runId, { dryRun: values["dry-run"], cascade: values.cascade, comment: values.comment }, null, "cli");
    out.result(describeRollback(result), result);
  } else if (verb === "approve") {
    const result = await approveHeldImport(runId, { comment: values.comment }, null);
    out.result(`Approved and applied run ${runId}: ${result.counts.new} new, ${result.counts.changed} changed, ${result.counts.removed} removed`, result);
  } else if (verb === "discard") {
    out.result(`Discarded run ${runId}; nothing was applied`, await discardHeldImport(runId, { comment: values.comment }, null));
  } else {
    const result = await rediffHeldImport(runId, null);
    out.result(`Re-diffed run ${runId}: ${result.counts.new} new, ${result.counts.changed} changed, ${result.counts.removed} removed`, result);
  }
}

function describeRollback(result: RollbackResult): string {
  return [
    result.dryRun ? "Dry run: rolling back would undo, newest first (nothing was changed):" : "Rolled back, newest first:",
    ...result.runs.map(
      (r) => `  run #${r.run.number}: ${r.counts.new} deals back, ${r.counts.changed} changed back, ${r.counts.removed} removed${result.dryRun ? "" : ` (rollback run #${r.rollbackRun.number}, ${r.rollbackRun.id})`}`,
    ),
    ...result.changes.slice(0, 20).map((c) => `    #${c.runNumber} ${c.restored ? "back" : c.kind} ${c.deal.externalId} ${c.fields.map((f) => `${f.field}: ${JSON.stringify(f.before)} → ${JSON.stringify(f.after)}`).join("; ")}`),
  ].join("\n");
}
