"use client";

// A filter that takes several values: a button showing the choice, opening a list of checkboxes.
import { useEffect, useId, useRef, useState } from "react";

type Props = {
  label: string;
  options: readonly { value: string; label: string }[];
  value: string[];
  onChange: (value: string[]) => void;
  /** Changing it drops ticks the parent did not apply (e.g. the user cancelled the change). */
  resetKey?: string | number;
};

export function MultiSelectFilter({ label, options, value, onChange, resetKey = "" }: Props) {
  const [open, setOpen] = useState(false);
  // Ticks show at once; the URL (and so `value`) follows after the navigation.
  const [optimistic, setOptimistic] = useState<{ for: string; value: string[] } | null>(null);
  const basis = `${resetKey}|${value.join("\u0000")}`;
  const shown = optimistic && optimistic.for === basis ? optimistic.value : value;
  const change = (next: string[]) => {
    setOptimistic({ for: basis, value: next });
    onChange(next);
  };
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  const chosen = options.filter((o) => shown.includes(o.value)).map((o) => o.label);
  const summary = chosen.length === 0 ? "Any" : chosen.length <= 2 ? chosen.join(", ") : `${chosen.length} selected`;

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
        className={`flex items-center gap-1 rounded-md border px-3 py-1.5 text-sm ${
          chosen.length ? "border-indigo-300 bg-indigo-50 text-indigo-800" : "border-slate-300 bg-white text-slate-700"
        } hover:border-indigo-400`}
      >
        <span className="font-medium">{label}:</span> <span className="max-w-40 truncate">{summary}</span>
        <span aria-hidden="true" className="text-xs text-slate-400">▾</span>
      </button>
      {open ? (
        <div id={panelId} role="group" aria-label={label} className="absolute left-0 z-20 mt-1 max-h-72 w-64 overflow-y-auto rounded-lg border border-slate-200 bg-white p-2 shadow-lg">
          {options.length === 0 ? <p className="px-1 py-1 text-sm text-slate-500">No values yet</p> : null}
          {options.map((option) => (
            <label key={option.value} className="flex items-center gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50">
              <input
                type="checkbox"
                checked={shown.includes(option.value)}
                onChange={(e) => change(e.target.checked ? [...shown, option.value] : shown.filter((v) => v !== option.value))}
                className="accent-indigo-600"
              />
              {option.label}
            </label>
          ))}
          {shown.length ? (
            <button type="button" onClick={() => change([])} className="mt-1 w-full rounded px-1 py-1 text-left text-sm text-indigo-700 hover:bg-indigo-50">
              Clear {label.toLowerCase()}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
