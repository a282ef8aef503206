"use client";

// Saved views of a table: apply one (its filter + sort, and its columns), save the current
// one privately or for the team, delete your own.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteViewAction, saveViewAction } from "@/app/_actions/table-actions";
import type { SavedViewSummary } from "@/lib/saved-views/saved-views";
import type { TableId } from "@/lib/preferences/table-columns";

type Props = {
  scope: TableId;
  views: SavedViewSummary[];
  /** The table's current URL query (filter + sort). */
  currentQuery: string;
  columnIds: string[];
  onApply: (view: SavedViewSummary) => void;
};

export function SavedViewsMenu({ scope, views, currentQuery, columnIds, onApply }: Props) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function save(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const formElement = event.currentTarget;
    startTransition(async () => {
      const result = await saveViewAction({ scope, name: String(form.get("name") ?? ""), shared: form.get("shared") === "on", query: currentQuery, columns: columnIds });
      setMessage(result.ok ? { ok: true, text: `Saved “${result.data.name}”` } : { ok: false, text: result.fieldErrors?.name ?? result.message });
      if (result.ok) {
        formElement.reset();
        router.refresh();
      }
    });
  }

  function remove(view: SavedViewSummary) {
    startTransition(async () => {
      const result = await deleteViewAction(scope, view.id);
      setMessage(result.ok ? { ok: true, text: `Deleted “${view.name}”` } : { ok: false, text: result.message });
      if (result.ok) router.refresh();
    });
  }

  return (
    <details className="relative">
      <summary className="cursor-pointer list-none rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
        Views{views.length ? ` (${views.length})` : ""}
      </summary>
      <div className="absolute right-0 z-20 mt-1 w-80 rounded-lg border border-slate-200 bg-white p-3 shadow-lg">
        {views.length ? (
          <ul aria-label="Saved views" className="mb-3 space-y-1">
            {views.map((view) => (
              <li key={view.id} className="flex items-center gap-2">
                <button type="button" onClick={() => onApply(view)} className="flex-1 truncate rounded px-2 py-1 text-left text-sm hover:bg-indigo-50">
                  {view.name}
                  <span className="ml-2 text-xs text-slate-500">{view.shared ? (view.mine ? "shared" : `shared by ${view.ownerEmail}`) : "private"}</span>
                </button>
                {view.mine ? (
                  <button type="button" aria-label={`Delete view ${view.name}`} disabled={pending} onClick={() => remove(view)} className="px-1 text-sm text-slate-400 hover:text-red-700">
                    ×
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mb-3 text-sm text-slate-500">No saved views yet. Save the current filter, sort and columns below.</p>
        )}
        <form onSubmit={save} className="space-y-2 border-t border-slate-100 pt-3">
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            View name
            <input name="name" required maxLength={80} className="rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
          </label>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name="shared" className="accent-indigo-600" /> Share with the team
          </label>
          <button disabled={pending} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
            Save current view
          </button>
          <p aria-live="polite" className={`text-sm ${message?.ok ? "text-emerald-700" : "text-red-700"}`}>
            {message?.text}
          </p>
        </form>
      </div>
    </details>
  );
}
