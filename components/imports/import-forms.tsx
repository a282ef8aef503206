"use client";

import Link from "next/link";
import { ActionForm, type FormAction } from "@/components/forms/action-form";

type Started = { message: string; runId: string };

/** `readsFiles`: a file source (S3, folder) can re-read files it has seen; a CRM pull has no files to skip. */
export function RunImportForm({ action, sourceId, sourceName, readsFiles }: { action: FormAction<Started>; sourceId: string; sourceName: string; readsFiles: boolean }) {
  return (
    <ActionForm
      action={action}
      submitLabel="Run import"
      pendingLabel="Starting…"
      className="flex flex-wrap items-center gap-3"
      result={(data) => (
        <p role="status" className="text-emerald-700">
          {data.message} — <Link className="underline" href={`/imports/${data.runId}`}>follow it</Link>
        </p>
      )}
    >
      <input type="hidden" name="sourceId" value={sourceId} />
      {readsFiles ? (
        <label className="flex items-center gap-1 text-xs text-slate-600">
          <input type="checkbox" name="force" aria-label={`Re-read unchanged files of ${sourceName}`} /> re-read unchanged files
        </label>
      ) : null}
    </ActionForm>
  );
}

export function CancelImportForm({ action, runId }: { action: FormAction<{ message: string }>; runId: string }) {
  return (
    <ActionForm action={action} submitLabel="Cancel" pendingLabel="Cancelling…" danger className="inline-flex" confirm="Cancel this import? Nothing it has read will be applied.">
      <input type="hidden" name="runId" value={runId} />
    </ActionForm>
  );
}
