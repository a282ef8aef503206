"use client";

// Deciding about a held run (approve / discard with a comment, re-diff) and rolling back an
// applied one (a preview first: the same rollback in a transaction that is then undone).
import Link from "next/link";
import { useState } from "react";
import { ActionForm, type FormAction } from "@/components/forms/action-form";
import type { RollbackResult } from "@/lib/imports/rollback-import";
import { SimpleTable } from "@/components/simple-table";

type Message = { message: string };

function Comment({ label }: { label: string }) {
  return (
    <label className="flex flex-col text-xs text-slate-600">
      {label}
      <textarea name="comment" rows={2} maxLength={1000} className="mt-1 w-72 rounded-md border border-slate-300 px-2 py-1 text-sm" />
    </label>
  );
}

export function ReviewDecisionForms({
  runId,
  approve,
  discard,
  rediff,
}: {
  runId: string;
  approve: FormAction<Message>;
  discard: FormAction<Message>;
  rediff: FormAction<Message>;
}) {
  return (
    <div className="flex flex-wrap items-end gap-6">
      <ActionForm action={approve} submitLabel="Approve and apply" pendingLabel="Applying…" className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="runId" value={runId} />
        <Comment label="Why approve (for the audit log)" />
      </ActionForm>
      <ActionForm action={discard} submitLabel="Discard" pendingLabel="Discarding…" danger className="flex flex-wrap items-end gap-3" confirm="Discard this run? Nothing it read will be applied.">
        <input type="hidden" name="runId" value={runId} />
        <Comment label="Why discard" />
      </ActionForm>
      <ActionForm action={rediff} submitLabel="Re-diff against live data" pendingLabel="Re-diffing…" secondary className="flex items-end">
        <input type="hidden" name="runId" value={runId} />
      </ActionForm>
    </div>
  );
}

function RollbackSummary({ result }: { result: RollbackResult }) {
  return (
    <div role="status" className="mt-2 space-y-2 text-sm" data-testid={result.dryRun ? "rollback-preview" : "rollback-done"}>
      <p className={result.dryRun ? "text-slate-800" : "text-emerald-700"}>
        {result.dryRun ? "Rolling back would undo, newest first:" : "Rolled back:"}
      </p>
      <ul className="list-disc pl-5">
        {result.runs.map((r) => (
          <li key={r.run.id}>
            run #{r.run.number}: {r.counts.new} deals back, {r.counts.changed} changed back, {r.counts.removed} removed
            {r.counts.accounts ? `; accounts ${r.counts.accounts.new} back, ${r.counts.accounts.changed} changed back, ${r.counts.accounts.removed} removed` : ""}
            {r.counts.contacts ? `; contacts ${r.counts.contacts.new} back, ${r.counts.contacts.changed} changed back, ${r.counts.contacts.removed} removed` : ""}
            {result.dryRun ? null : (
              <>
                {" "}— <Link className="underline" href={`/imports/${r.rollbackRun.id}`}>rollback run #{r.rollbackRun.number}</Link>
              </>
            )}
          </li>
        ))}
      </ul>
      {result.changes.length > 0 ? (
        <SimpleTable
          variant="plain"
          size="compact"
          rows={result.changes}
          rowKey={(_c, i) => String(i)}
          rowTestId="rollback-change"
          columns={[
            { header: "Run", cell: (c) => `#${c.runNumber}` },
            { header: "Deal", cell: (c) => <>{c.deal.name} <span className="font-mono text-slate-500">{c.deal.externalId}</span></> },
            { header: "Becomes", cell: (c) => (c.restored ? "back" : c.kind) },
            { header: "Fields", cell: (c) => c.fields.map((f) => `${f.field}: ${JSON.stringify(f.before)} → ${JSON.stringify(f.after)}`).join("; ") },
          ]}
        />
      ) : null}
      <p className="text-xs text-slate-500">Pushed deals stay linked to their destinations; a re-push brings the destination in line with these values.</p>
    </div>
  );
}

export function RollbackForms({ runId, runNumber, action }: { runId: string; runNumber: number; action: FormAction<RollbackResult> }) {
  // One checkbox for both forms, so the rollback does what its preview showed.
  const [cascade, setCascade] = useState(false);
  const cascadeField = cascade ? <input type="hidden" name="cascade" value="on" /> : null;
  const summary = (result: RollbackResult) => <RollbackSummary result={result} />;
  return (
    <div className="space-y-4">
      <label className="flex items-center gap-1 text-xs text-slate-600">
        <input type="checkbox" checked={cascade} onChange={(e) => setCascade(e.target.checked)} /> also roll back newer runs that changed the same records
      </label>
      <ActionForm action={action} submitLabel="Preview rollback" pendingLabel="Working out the rollback…" danger result={summary}>
        <input type="hidden" name="runId" value={runId} />
        <input type="hidden" name="dryRun" value="true" />
        {cascadeField}
      </ActionForm>
      <ActionForm action={action} submitLabel={`Roll back run #${runNumber}`} pendingLabel="Rolling back…" danger result={summary} confirm={`Roll back run #${runNumber}? Preview it first to see what changes.`}>
        <input type="hidden" name="runId" value={runId} />
        {cascadeField}
        <Comment label="Why roll back (for the audit log)" />
      </ActionForm>
    </div>
  );
}
