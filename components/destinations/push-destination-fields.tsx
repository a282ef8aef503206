"use client";

// The push dialog's destination picker and the chosen destination's own push options
// (its form.ts `runOptions`, e.g. Jointflows' project type): only those of the one chosen.
import { useState } from "react";
import type { FormField } from "@/lib/destinations/types";

/** `kind`: the kind's label ("ChartMogul"); the picker groups destinations under it. */
type PushDestinationChoice = { id: string; name: string; kind: string; runOptions: FormField[] };

const INPUT = "mt-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

export function PushDestinationFields({ destinations, chosenId, values }: { destinations: PushDestinationChoice[]; chosenId?: string; values: Record<string, string> }) {
  const [id, setId] = useState(chosenId ?? destinations[0]?.id);
  const chosen = destinations.find((d) => d.id === id);
  return (
    <>
      {/* As wide as the longest name (long ones wrap the form's row), never cut off. */}
      <div className="max-w-full">
        <label htmlFor="destination" className="block text-sm font-medium text-slate-700">Destination</label>
        <select id="destination" name="destination" value={id} onChange={(e) => setId(e.target.value)} className={`${INPUT} min-w-64 max-w-full`}>
          {[...new Set(destinations.map((d) => d.kind))].map((kind) => (
            <optgroup key={kind} label={kind}>
              {destinations.filter((d) => d.kind === kind).map((d) => (
                <option key={d.id} value={d.id}>{d.name}</option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      {chosen?.runOptions.map((field) => (
        <div key={`${chosen.id}:${field.name}`}>
          <label htmlFor={`option-${field.name}`} className="block text-sm font-medium text-slate-700">{field.label}</label>
          {/* Between label and input, as in Field: a hint below lifted this input above the destination's. */}
          {field.help ? <p id={`option-${field.name}-hint`} className="max-w-xs text-xs text-slate-500">{field.help}</p> : null}
          {field.kind === "select" ? (
            <select id={`option-${field.name}`} name={`options.${field.name}`} defaultValue={values[field.name]} aria-describedby={field.help ? `option-${field.name}-hint` : undefined} className={`${INPUT} min-w-56 max-w-full`}>
              <option value="">—</option>
              {field.options?.map((o) => (
                <option key={o.value} value={o.value}>{o.label}</option>
              ))}
            </select>
          ) : (
            <input id={`option-${field.name}`} name={`options.${field.name}`} defaultValue={values[field.name]} placeholder={field.placeholder} aria-describedby={field.help ? `option-${field.name}-hint` : undefined} className={`${INPUT} w-56`} />
          )}
        </div>
      ))}
    </>
  );
}
