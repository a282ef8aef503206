"use client";

// Pick which columns show and in what order. The caller persists the choice.
type Props = {
  columns: readonly { id: string; label: string }[];
  value: string[];
  onChange: (ids: string[]) => void;
};

export function ColumnChooser({ columns, value, onChange }: Props) {
  const hidden = columns.filter((c) => !value.includes(c.id));
  const label = (id: string) => columns.find((c) => c.id === id)?.label ?? id;

  function move(index: number, by: -1 | 1) {
    const next = [...value];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item);
    onChange(next);
  }

  return (
    <details className="relative">
      <summary className="cursor-pointer list-none rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
        Columns
      </summary>
      <div className="absolute right-0 z-20 mt-1 w-72 rounded-lg border border-slate-200 bg-white p-2 shadow-lg">
        <fieldset>
          <legend className="px-1 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Shown, in order</legend>
          <ul>
            {value.map((id, index) => (
              <li key={id} className="flex items-center gap-2 rounded px-1 py-0.5 hover:bg-slate-50">
                <label className="flex flex-1 items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    checked
                    disabled={value.length === 1}
                    onChange={() => onChange(value.filter((v) => v !== id))}
                    className="accent-indigo-600"
                  />
                  {label(id)}
                </label>
                <button type="button" aria-label={`Move ${label(id)} up`} disabled={index === 0} onClick={() => move(index, -1)} className="px-1 text-slate-500 disabled:opacity-30">
                  ↑
                </button>
                <button type="button" aria-label={`Move ${label(id)} down`} disabled={index === value.length - 1} onClick={() => move(index, 1)} className="px-1 text-slate-500 disabled:opacity-30">
                  ↓
                </button>
              </li>
            ))}
          </ul>
        </fieldset>
        {hidden.length ? (
          <fieldset className="mt-2 border-t border-slate-100 pt-2">
            <legend className="sr-only">Hidden</legend>
            <ul>
              {hidden.map((c) => (
                <li key={c.id} className="px-1 py-0.5">
                  <label className="flex items-center gap-2 text-sm text-slate-600">
                    <input type="checkbox" checked={false} onChange={() => onChange([...value, c.id])} className="accent-indigo-600" />
                    {c.label}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ) : null}
      </div>
    </details>
  );
}
