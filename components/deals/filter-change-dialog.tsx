"use client";

// Asked when the filter changes while "all matching" is selected: the selection is a
// snapshot of the old filter, and only the user may say what should happen to it.
import { useEffect, useRef } from "react";

type Choice = "keep" | "reselect" | "clear" | "cancel";

export function FilterChangeDialog({ count, onChoose }: { count: string; onChoose: (choice: Choice) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const button = "w-full rounded-md px-3 py-2 text-left text-sm font-medium";
  return (
    <dialog
      ref={dialog}
      aria-labelledby="filter-change-title"
      onCancel={(e) => {
        e.preventDefault();
        onChoose("cancel");
      }}
      className="m-auto w-full max-w-md rounded-xl border border-slate-200 p-5 shadow-xl backdrop:bg-slate-900/30"
    >
      <h2 id="filter-change-title" className="text-base font-semibold text-slate-900">
        Change the filter of a selection?
      </h2>
      <p className="mt-2 text-sm text-slate-600">
        You selected all {count} deals matching the current filter. What should happen to that selection?
      </p>
      <div className="mt-4 space-y-2">
        <button type="button" onClick={() => onChoose("keep")} className={`${button} border border-slate-300 hover:bg-slate-50`}>
          Keep the {count} selected deals
        </button>
        <button type="button" onClick={() => onChoose("reselect")} className={`${button} bg-indigo-600 text-white hover:bg-indigo-700`}>
          Select all deals matching the new filter
        </button>
        <button type="button" onClick={() => onChoose("clear")} className={`${button} border border-slate-300 hover:bg-slate-50`}>
          Clear the selection
        </button>
        <button type="button" onClick={() => onChoose("cancel")} className={`${button} text-slate-600 hover:bg-slate-50`}>
          Cancel — keep the current filter
        </button>
      </div>
    </dialog>
  );
}
