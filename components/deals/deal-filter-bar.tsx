"use client";

// The deals filters. Lists apply at once; typed fields (search, dates, amounts) on Enter or
// "Apply". The caller decides what applying means (it may ask about the selection first).
import { DEAL_STATUSES, type DealFilter } from "@/lib/deals/deal-filter";
import type { DealFacets } from "@/lib/deals/list-deal-facets";
import { minorToDecimalString } from "@/lib/currency/money";
import { parseMoney } from "@/lib/currency/parse-money";
import { MultiSelectFilter } from "@/components/data-table/multi-select-filter";
import { SingleSelectFilter } from "@/components/data-table/single-select-filter";
import { useState } from "react";

const STATUS_LABELS: Record<(typeof DEAL_STATUSES)[number], string> = {
  active: "Active",
  removed: "Removed",
  new: "New in last import",
  changed: "Changed in last import",
};

type Props = {
  filter: DealFilter;
  facets: DealFacets;
  baseCurrency: string;
  accountName: string | null;
  onApply: (filter: DealFilter) => void;
  /** Bumped by the parent when a change was cancelled: controls go back to `filter`. */
  resetKey: number;
};

const inputClass = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export function DealFilterBar({ filter, facets, baseCurrency, accountName, onApply, resetKey }: Props) {
  const [amountError, setAmountError] = useState<string | null>(null);
  const values = (list: string[]) => list.map((v) => ({ value: v, label: v }));
  const set = (patch: Partial<DealFilter>) => onApply({ ...filter, ...patch });
  // One control for both "pushed to X" and "not pushed to X": the usual question is one or the other.
  const pushedValue = filter.pushedTo ? `to:${filter.pushedTo}` : filter.notPushedTo ? `not:${filter.notPushedTo}` : "";
  const pushedFilter = (value: string): Partial<DealFilter> => ({
    pushedTo: value.startsWith("to:") ? value.slice(3) : undefined,
    notPushedTo: value.startsWith("not:") ? value.slice(4) : undefined,
  });
  const major = (minor: bigint | undefined) => (minor === undefined ? "" : minorToDecimalString(minor, baseCurrency));

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim() || undefined;
    const amount = (name: string, label: string) => {
      const raw = text(name);
      if (!raw) return undefined;
      const parsed = parseMoney(raw, baseCurrency);
      if (!parsed.ok) throw new Error(`${label}: ${parsed.message}`);
      return parsed.minor;
    };
    try {
      const next = { ...filter, q: text("q"), closeFrom: text("closeFrom"), closeTo: text("closeTo"), amountMin: amount("amountMin", "Minimum amount"), amountMax: amount("amountMax", "Maximum amount") };
      setAmountError(null);
      onApply(next);
    } catch (err) {
      setAmountError((err as Error).message);
    }
  }

  return (
    <section aria-label="Filters" className="mb-4 space-y-3 rounded-xl border border-slate-200 bg-white p-3 shadow-sm">
      {/* Typed fields are uncontrolled: a new key re-reads them from the URL (back button, views, cancel). */}
      <form key={`${resetKey}|${filter.q}|${filter.closeFrom}|${filter.closeTo}|${filter.amountMin}|${filter.amountMax}`} onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <label className="flex min-w-64 flex-1 flex-col gap-1 text-xs font-medium text-slate-600">
          Search name or account
          <input name="q" type="search" defaultValue={filter.q ?? ""} placeholder="e.g. Acme renewal" className={inputClass} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Close from
          <input name="closeFrom" type="date" defaultValue={filter.closeFrom ?? ""} className={inputClass} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Close to
          <input name="closeTo" type="date" defaultValue={filter.closeTo ?? ""} className={inputClass} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Min amount ({baseCurrency})
          <input name="amountMin" inputMode="decimal" defaultValue={major(filter.amountMin)} className={`${inputClass} w-32`} aria-describedby="amount-error" />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Max amount ({baseCurrency})
          <input name="amountMax" inputMode="decimal" defaultValue={major(filter.amountMax)} className={`${inputClass} w-32`} aria-describedby="amount-error" />
        </label>
        <button className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">Apply</button>
        <p id="amount-error" aria-live="polite" className="w-full text-sm text-red-700 empty:hidden">
          {amountError}
        </p>
      </form>
      <div className="flex flex-wrap items-center gap-2">
        <MultiSelectFilter label="Stage" options={values(facets.stages)} value={filter.stage ?? []} onChange={(stage) => set({ stage })} resetKey={resetKey} />
        <MultiSelectFilter label="Pipeline" options={values(facets.pipelines)} value={filter.pipeline ?? []} onChange={(pipeline) => set({ pipeline })} resetKey={resetKey} />
        <MultiSelectFilter label="Owner" options={values(facets.owners)} value={filter.owner ?? []} onChange={(owner) => set({ owner })} resetKey={resetKey} />
        <MultiSelectFilter
          label="Source"
          options={facets.sources.map((s) => ({ value: s.id, label: s.name }))}
          value={filter.source ?? []}
          onChange={(source) => set({ source })}
          resetKey={resetKey}
        />
        <SingleSelectFilter
          label="Status"
          value={filter.status ?? ""}
          options={DEAL_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          onChange={(status) => set({ status: (status || undefined) as DealFilter["status"] })}
        />
        <SingleSelectFilter
          label="Pushed"
          value={pushedValue}
          options={[
            ...facets.destinations.map((d) => ({ value: `to:${d.id}`, label: `to ${d.name}` })),
            ...facets.destinations.map((d) => ({ value: `not:${d.id}`, label: `not to ${d.name}` })),
          ]}
          onChange={(value) => set(pushedFilter(value))}
        />
        {filter.account ? (
          <span className="inline-flex items-center gap-1 rounded-full bg-indigo-50 px-2.5 py-1 text-sm text-indigo-800 ring-1 ring-inset ring-indigo-200">
            Account: {accountName ?? filter.account}
            <button type="button" aria-label="Remove the account filter" onClick={() => set({ account: undefined })} className="ml-1 font-semibold">
              ×
            </button>
          </span>
        ) : null}
        {Object.keys(filter).length ? (
          <button type="button" onClick={() => onApply({})} className="ml-auto text-sm font-medium text-indigo-700 hover:underline">
            Clear all filters
          </button>
        ) : null}
      </div>
    </section>
  );
}
