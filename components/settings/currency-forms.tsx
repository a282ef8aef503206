"use client";

import { ActionForm, Field, SelectField, type FormAction } from "@/components/forms/action-form";
import type { ImportExchangeRatesResult } from "@/lib/currency/import-exchange-rates";
import { SimpleTable } from "@/components/simple-table";

type Message = { message: string };

export function BaseCurrencyForm({ action, current, codes }: { action: FormAction<Message>; current: string; codes: { value: string; label: string }[] }) {
  return (
    <ActionForm action={action} submitLabel="Set base currency">
      <SelectField name="currency" label="Base currency" defaultValue={current} options={codes} className="min-w-72" />
      <label className="mb-6 flex items-center gap-2 text-sm">
        <input type="checkbox" name="deleteExistingRates" />
        Delete the existing rates (they are expressed in {current})
      </label>
    </ActionForm>
  );
}

export function AddRateForm({ action, base }: { action: FormAction<Message>; base: string }) {
  return (
    <ActionForm action={action} submitLabel="Add rate">
      <Field name="currency" label="Currency" required maxLength={3} placeholder="EUR" className="w-24 uppercase" />
      <Field name="rate" label={`Rate (${base} per unit)`} required inputMode="decimal" maxLength={30} placeholder="1.0842" className="w-40" />
      <Field name="validFrom" label="Valid from" required type="date" className="w-44" />
    </ActionForm>
  );
}

export function DeleteRateForm({ action, id }: { action: FormAction<Message>; id: string }) {
  return (
    <ActionForm action={action} submitLabel="Delete" danger className="inline-flex">
      <input type="hidden" name="id" value={id} />
    </ActionForm>
  );
}

type ImportResult = ImportExchangeRatesResult & { fileName: string };

export function ImportRatesForm({ action, maxBytes }: { action: FormAction<ImportResult>; maxBytes: number }) {
  return (
    <ActionForm
      action={action}
      submitLabel="Import CSV"
      pendingLabel="Importing…"
      result={(r) => (
        <div role="status" className="space-y-2">
          <p className={r.fileRejected ? "text-red-700" : "text-emerald-700"}>
            {r.fileRejected
              ? `${r.fileName} was rejected; nothing was imported.`
              : `Imported ${r.imported} rates from ${r.fileName}: ${r.inserted} new, ${r.updated} changed, ${r.unchanged} unchanged, ${r.skipped} skipped.`}
          </p>
          {r.problems.length ? (
            <SimpleTable
              label="Import problems"
              size="compact"
              rows={r.problems.slice(0, 500)}
              rowKey={(_p, i) => String(i)}
              columns={[
                { header: "Line", className: "font-mono", cell: (p) => p.line ?? "—" },
                { header: "Column", className: "font-mono", cell: (p) => p.column ?? "—" },
                { header: "Severity", cell: (p) => p.severity },
                { header: "Problem", cell: (p) => p.message },
              ]}
            />
          ) : null}
        </div>
      )}
    >
      <div>
        <label htmlFor="rates-file" className="block text-sm font-medium text-slate-700">CSV file (date, currency, rate)</label>
        <input
          id="rates-file"
          name="file"
          type="file"
          accept=".csv,text/csv,text/plain"
          required
          className="mt-1 text-sm"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.setCustomValidity(file && file.size > maxBytes ? `The file is larger than ${maxBytes / 1048576} MB` : "");
          }}
        />
      </div>
    </ActionForm>
  );
}
