"use client";

// A form bound to a server action (useActionState) with per-field errors announced in
// aria-live regions next to each field, and the whole-form result below the button.
import { createContext, useContext, useId } from "react";
import { useActionState } from "react";
import type { ActionResult } from "@/app/_lib/action";

type State = ActionResult<unknown> | null;
const FormState = createContext<{ state: State; pending: boolean; id: string }>({ state: null, pending: false, id: "" });

export type FormAction<T> = (prev: unknown, form: FormData) => Promise<ActionResult<T>>;

export function ActionForm<T>({
  action,
  submitLabel,
  pendingLabel,
  children,
  result,
  className = "flex flex-wrap items-end gap-3",
  danger = false,
  secondary = false,
  confirm,
}: {
  action: FormAction<T>;
  submitLabel: string;
  pendingLabel?: string;
  children?: React.ReactNode;
  /** Renders a successful result; default: its `message`. */
  result?: (data: T) => React.ReactNode;
  className?: string;
  danger?: boolean;
  /** The quieter of two choices side by side ("Keep apart" beside "Link"). */
  secondary?: boolean;
  confirm?: string;
}) {
  const [state, formAction, pending] = useActionState(action as FormAction<unknown>, null);
  const id = useId();
  return (
    <FormState.Provider value={{ state, pending, id }}>
      <form
        action={formAction}
        className={className}
        onSubmit={(e) => {
          if (confirm && !window.confirm(confirm)) e.preventDefault();
        }}
      >
        {children}
        <button
          disabled={pending}
          className={`rounded-md px-3 py-2 text-sm font-medium disabled:opacity-60 ${
            danger
              ? "border border-red-300 text-red-700 hover:bg-red-50"
              : secondary
                ? "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50"
                : "bg-indigo-600 text-white hover:bg-indigo-700"
          }`}
        >
          {pending ? (pendingLabel ?? `${submitLabel}…`) : submitLabel}
        </button>
      </form>
      {/* No margin while empty: a form in a table row (Delete, Revoke) keeps the row as tall as its button. */}
      <div aria-live="polite" className="mt-2 text-sm empty:mt-0">
        {state && !state.ok ? (
          <p role="alert" className="text-red-700">{state.message}</p>
        ) : null}
        {state?.ok ? (result ? result(state.data as T) : <DefaultResult data={state.data} />) : null}
      </div>
    </FormState.Provider>
  );
}

function DefaultResult({ data }: { data: unknown }) {
  const message = (data as { message?: string } | null)?.message;
  return message ? <p role="status" className="text-emerald-700">{message}</p> : null;
}

/** A labelled input whose server-side error is shown (and announced) beneath it. */
export function Field({
  name,
  label,
  hint,
  className = "w-56",
  ...input
}: { name: string; label: string; hint?: string; className?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  const { state, id } = useContext(FormState);
  const inputId = `${id}-${name}`;
  const error = state && !state.ok ? state.fieldErrors?.[name] : undefined;
  return (
    <div>
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">{label}</label>
      {/* Above the input: forms line their fields up by the bottom, and a hint below would lift this input out of line. */}
      {hint ? <p id={`${inputId}-hint`} className="text-xs text-slate-500">{hint}</p> : null}
      <input
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={hint ? `${inputId}-hint ${inputId}-error` : `${inputId}-error`}
        className={`mt-1 rounded-md border px-3 py-2 text-sm ${error ? "border-red-400" : "border-slate-300"} ${className}`}
        {...input}
      />
      <p id={`${inputId}-error`} aria-live="polite" className="mt-1 text-xs text-red-700">{error ?? ""}</p>
    </div>
  );
}

/**
 * A labelled select with the same error handling as Field. It is as wide as its longest option
 * (a fixed width cut long ones off): `className` sets a minimum (min-w-*), not a width.
 */
export function SelectField({
  name,
  label,
  options,
  className = "min-w-56",
  ...select
}: { name: string; label: string; options: { value: string; label: string }[]; className?: string } & React.SelectHTMLAttributes<HTMLSelectElement>) {
  const { state, id } = useContext(FormState);
  const selectId = `${id}-${name}`;
  const error = state && !state.ok ? state.fieldErrors?.[name] : undefined;
  return (
    <div>
      <label htmlFor={selectId} className="block text-sm font-medium text-slate-700">{label}</label>
      {/* A saved form is reset to its defaults, and React never moves a mounted select to a new
          defaultValue: keyed by it, the select shows what was just saved, not the value it mounted with. */}
      <select
        key={String(select.defaultValue ?? "")}
        id={selectId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${selectId}-error`}
        className={`mt-1 max-w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm ${className}`}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
      <p id={`${selectId}-error`} aria-live="polite" className="mt-1 text-xs text-red-700">{error ?? ""}</p>
    </div>
  );
}
