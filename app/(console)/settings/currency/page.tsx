import type { Metadata } from "next";
import { requirePageActor } from "@/app/_lib/guard";
import { AddRateForm, BaseCurrencyForm, DeleteRateForm, ImportRatesForm } from "@/components/settings/currency-forms";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { getBaseCurrency } from "@/lib/currency/get-base-currency";
import { MAX_RATES_CSV_BYTES } from "@/lib/currency/import-exchange-rates";
import { ACTIVE_CURRENCY_CODES, CURRENCIES } from "@/lib/currency/iso4217";
import { listExchangeRates } from "@/lib/currency/list-exchange-rates";
import { addExchangeRateAction, deleteExchangeRateAction, importExchangeRatesAction, setBaseCurrencyAction } from "./actions";
import { SimpleTable } from "@/components/simple-table";

export const metadata: Metadata = { title: "Currency" };

const RATES_SHOWN = 500;

export default async function CurrencyPage() {
  await requirePageActor("admin", "/settings/currency");
  const [base, rates] = await Promise.all([getBaseCurrency(), listExchangeRates({ limit: RATES_SHOWN })]);
  const codes = ACTIVE_CURRENCY_CODES.map((code) => ({ value: code, label: `${code} — ${CURRENCIES.get(code)?.name ?? code}` }));
  return (
    <>
      <PageHeader
        title="Currency"
        description="Amounts keep their original currency; base amounts use the latest rate on or before each deal's date. A deal without a rate shows “no rate”."
      />
      <section aria-labelledby="base" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="base" className="mb-4 font-semibold">Base currency: <span data-testid="base-currency">{base}</span></h2>
        <BaseCurrencyForm action={setBaseCurrencyAction} current={base} codes={codes} />
      </section>
      <section aria-labelledby="add-rate" className="mt-6 rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="add-rate" className="mb-4 font-semibold">Add a rate</h2>
        <AddRateForm action={addExchangeRateAction} base={base} />
      </section>
      <section aria-labelledby="import-rates" className="mt-6 rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="import-rates" className="mb-1 font-semibold">Import rates</h2>
        <p className="mb-4 text-sm text-slate-600">
          A CSV with columns date (YYYY-MM-DD), currency and rate ({base} per unit), up to {MAX_RATES_CSV_BYTES / 1048576} MB. Rows with problems are skipped and listed.
        </p>
        <ImportRatesForm action={importExchangeRatesAction} maxBytes={MAX_RATES_CSV_BYTES} />
      </section>
      <section aria-labelledby="rates" className="mt-6">
        <h2 id="rates" className="mb-3 font-semibold">Rates</h2>
        {rates.length === 0 ? (
          <EmptyState title="No exchange rates yet">Add a rate or import a CSV; deals in other currencies show “no rate” until then.</EmptyState>
        ) : (
          <SimpleTable
            label="Exchange rates"
            rows={rates}
            rowKey={(r) => r.id}
            columns={[
              { header: "Currency", className: "font-mono", cell: (r) => r.currency },
              { header: "Valid from", cell: (r) => r.validFrom },
              { header: `1 unit in ${base}`, className: "font-mono", cell: (r) => r.rateToBase },
              { header: "Actions", srOnly: true, className: "text-right", cell: (r) => <DeleteRateForm action={deleteExchangeRateAction} id={r.id} /> },
            ]}
          />
        )}
        {rates.length === RATES_SHOWN ? <p className="mt-2 text-sm text-slate-600">Showing the first {RATES_SHOWN}; use `npx dealport rates list` for all.</p> : null}
      </section>
    </>
  );
}
