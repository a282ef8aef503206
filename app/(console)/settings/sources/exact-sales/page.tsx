import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/app/_lib/guard";
import { ExactSalesSourceForm, PullNowForm, TestExactSalesSourceForm } from "@/components/settings/exact-sales-source-forms";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { listCredentials } from "@/lib/credentials/list-credentials";
import { EXACT_SALES_DEFAULT_BASE_URL } from "@/lib/sources/exact-sales/config";
import { listExactSalesSources } from "@/lib/sources/exact-sales/list-exact-sales-sources";
import { EXACT_SALES_FIELD_MAP } from "@/lib/sources/exact-sales/map-exact-sales";
import { pullExactSalesAction, saveExactSalesSourceAction, testExactSalesSourceAction } from "./actions";

export const metadata: Metadata = { title: "Exact Sales sources" };

const utc = (d: Date) => `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;

export default async function ExactSalesSourcesPage() {
  await requirePageActor("admin", "/settings/sources/exact-sales");
  const [sources, credentials] = await Promise.all([listExactSalesSources(), listCredentials()]);
  const tokens = credentials.filter((c) => c.kind === "exact_sales").map((c) => ({ id: c.id, name: c.name }));
  return (
    <>
      <PageHeader
        title="Exact Sales sources"
        description="Pull leads, funnels, sellers, contacts, sales and discards from Exact Sales (Exact Spotter API v3). Pulls show on the Imports page like file imports."
      />
      <section aria-labelledby="add-exact-sales" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="add-exact-sales" className="mb-4 font-semibold">Add an Exact Sales source</h2>
        <ExactSalesSourceForm action={saveExactSalesSourceAction} credentials={tokens} defaultBaseUrl={EXACT_SALES_DEFAULT_BASE_URL} />
      </section>

      <section aria-labelledby="exact-sales-sources" className="mt-6">
        <h2 id="exact-sales-sources" className="mb-3 font-semibold">Sources</h2>
        {sources.length === 0 ? (
          <EmptyState title="No Exact Sales sources yet">Add one above, test the connection, then pull it here or from the Imports page.</EmptyState>
        ) : (
          <ul className="space-y-4">
            {sources.map((s) => (
              <li key={s.id} data-testid="exact-sales-source" className="rounded-xl border border-slate-200 bg-white p-5">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="font-medium">{s.name}</h3>
                  <p className="text-sm text-slate-600">
                    {s.config ? (s.config.mode === "full" ? "Full pull (snapshot)" : "Incremental with update window") : "Settings no longer valid: save them again"}
                    {s.scheduleMinutes ? ` · every ${s.scheduleMinutes} min` : " · on demand"} · token “{s.credentialName ?? "none"}”
                  </p>
                </div>
                <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
                  <dt className="text-slate-500">Base URL</dt>
                  <dd className="font-mono text-xs">{s.config?.baseUrl ?? "—"}</dd>
                  <dt className="text-slate-500">Savepoint</dt>
                  <dd data-testid="savepoint">{s.savepoint ? utc(s.savepoint) : "none yet (the first pull reads every lead)"}</dd>
                  {s.nextWindow ? (
                    <>
                      <dt className="text-slate-500">Next window</dt>
                      <dd>updateDate from {utc(s.nextWindow.from)} to {utc(s.nextWindow.to)}</dd>
                    </>
                  ) : null}
                  <dt className="text-slate-500">Last pull</dt>
                  <dd>
                    {s.lastRun ? (
                      <Link className="text-indigo-700 underline" href={`/imports/${s.lastRun.id}`}>{s.lastRun.status}, {utc(s.lastRun.startedAt)}</Link>
                    ) : (
                      "never"
                    )}
                    {s.lastRun?.error ? <span className="ml-2 text-red-700">{s.lastRun.error}</span> : null}
                  </dd>
                </dl>
                <div className="mt-4 flex flex-wrap items-start gap-4">
                  <PullNowForm action={pullExactSalesAction} sourceId={s.id} />
                  {s.credentialId ? <TestExactSalesSourceForm action={testExactSalesSourceAction} credentialId={s.credentialId} /> : null}
                </div>
                <details className="mt-4">
                  <summary className="cursor-pointer text-sm text-indigo-700">Edit settings</summary>
                  <div className="mt-3">
                    <ExactSalesSourceForm
                      action={saveExactSalesSourceAction}
                      credentials={tokens}
                      defaultBaseUrl={EXACT_SALES_DEFAULT_BASE_URL}
                      values={{
                        id: s.id,
                        name: s.name,
                        credentialId: s.credentialId,
                        scheduleMinutes: s.scheduleMinutes,
                        baseUrl: s.config?.baseUrl ?? EXACT_SALES_DEFAULT_BASE_URL,
                        mode: s.config?.mode ?? "full",
                        pastWindowDays: s.config?.pastWindowDays ?? 1,
                        futureWindowDays: s.config?.futureWindowDays ?? 30,
                        currency: s.config?.currency ?? "BRL",
                        amountCustomField: s.config?.amountCustomField ?? "",
                        amountCurrency: s.config?.amountCurrency ?? "",
                        savepoint: null,
                      }}
                    />
                  </div>
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="exact-sales-mapping" className="mt-8">
        <h2 id="exact-sales-mapping" className="mb-3 font-semibold">How Exact Sales maps into Dealport</h2>
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="px-3 py-2">Exact Sales</th>
                <th className="px-3 py-2">Dealport</th>
                <th className="px-3 py-2">Note</th>
              </tr>
            </thead>
            <tbody>
              {EXACT_SALES_FIELD_MAP.map((row) => (
                <tr key={row.exact} className="border-t border-slate-100">
                  <td className="px-3 py-2 font-mono text-xs">{row.exact}</td>
                  <td className="px-3 py-2">{row.dealport}</td>
                  <td className="px-3 py-2 text-slate-600">{row.note ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
