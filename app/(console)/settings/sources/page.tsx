import type { Metadata } from "next";
import { requirePageActor } from "@/app/_lib/guard";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { SourceForm, TestSourceForm } from "@/components/sources/source-forms";
import { listCredentials } from "@/lib/credentials/list-credentials";
import { listSources } from "@/lib/sources/list-sources";
import { isSourceKind, sourceFormValues, sourceKindForms } from "@/lib/sources/registry";
import { ReviewRulesForm } from "@/components/sources/review-rules-form";
import { saveSourceAction, saveSourceReviewAction, testSourceAction } from "./actions";
import { SimpleTable } from "@/components/simple-table";

export const metadata: Metadata = { title: "Sources" };

export default async function SourcesPage() {
  await requirePageActor("admin", "/settings/sources");
  const [sources, credentials] = await Promise.all([listSources(), listCredentials()]);
  const kinds = sourceKindForms();
  const credentialOptions = credentials.map((c) => ({ id: c.id, name: c.name, kind: c.kind }));
  return (
    <>
      <PageHeader
        title="Sources"
        description="Where imports read from: an S3 bucket prefix (or GCS, MinIO) or a folder on the server in Jointflows or Dreamdata format, or a CRM pull from Exact Sales; on demand or on a schedule."
      />
      <section aria-labelledby="add-source" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="add-source" className="mb-4 font-semibold">Add a source</h2>
        <SourceForm action={saveSourceAction} kinds={kinds} credentials={credentialOptions} />
      </section>

      <section aria-labelledby="saved-sources" className="mt-6">
        <h2 id="saved-sources" className="mb-3 font-semibold">Sources</h2>
        {sources.length === 0 ? (
          <EmptyState title="No sources yet">Add one above, test the connection, then run an import from the Imports page.</EmptyState>
        ) : (
          <ul className="space-y-4">
            {sources.map((s) => (
              <li key={s.id} className="rounded-xl border border-slate-200 bg-white p-5" data-testid="source-settings">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="font-medium">{s.name}</h3>
                  <p className="text-sm text-slate-600">
                    {s.kindLabel} · <span className="font-mono">{s.location}</span>
                    {s.scheduleMinutes ? ` · imports every ${s.scheduleMinutes} min` : " · imports when run by hand"}
                  </p>
                </div>
                {s.details.length > 0 ? (
                  <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
                    {s.details.map((d) => (
                      <div key={d.label} className="contents">
                        <dt className="text-slate-500">{d.label}</dt>
                        <dd>{d.value}</dd>
                      </div>
                    ))}
                  </dl>
                ) : null}
                {isSourceKind(s.kind) ? (
                  <div className="mt-4 space-y-4">
                    <TestSourceForm action={testSourceAction} id={s.id} />
                    <details>
                      <summary className="cursor-pointer text-sm text-indigo-700">Edit</summary>
                      <div className="mt-3">
                        <SourceForm action={saveSourceAction} kinds={kinds} credentials={credentialOptions} source={{ id: s.id, name: s.name, kind: s.kind, scheduleMinutes: s.scheduleMinutes, values: sourceFormValues(s) }} />
                      </div>
                    </details>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="review-rules" className="mt-6">
        <h2 id="review-rules" className="mb-1 font-semibold">Review rules</h2>
        <p className="mb-3 text-sm text-slate-600">
          A run that trips a rule is staged and diffed but not applied until an operator approves it (Imports → Needs review); scheduled runs never apply on their own then.
          Defaults: removed &gt; 10% of live deals, rejected &gt; 5% of rows, changed &gt; 50%, fewer than 50% of the last run&apos;s rows; held runs expire after 7 days. Blank switches a rule off.
        </p>
        <ul className="space-y-4">
          {sources.map((s) => (
            <li key={s.id} className="rounded-xl border border-slate-200 bg-white p-5" data-testid="source-review-rules">
              <h3 className="mb-3 font-medium">{s.name}</h3>
              <ReviewRulesForm action={saveSourceReviewAction} sourceId={s.id} rules={s.reviewRules} webhook={s.reviewWebhook} />
            </li>
          ))}
        </ul>
      </section>

      {kinds
        .filter((k) => k.fieldMap)
        .map((k) => (
          <section key={k.kind} aria-labelledby={`field-map-${k.kind}`} className="mt-8">
            <h2 id={`field-map-${k.kind}`} className="mb-3 font-semibold">{k.fieldMap!.title}</h2>
            <SimpleTable
              rows={k.fieldMap!.rows}
              rowKey={(row) => row.from}
              columns={[
                { header: k.label, className: "font-mono text-xs", cell: (row) => row.from },
                { header: "Dealport", cell: (row) => row.to },
                { header: "Note", className: "text-slate-600", cell: (row) => row.note ?? "" },
              ]}
            />
          </section>
        ))}
    </>
  );
}
