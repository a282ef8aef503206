import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/app/_lib/guard";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { SourceForm, TestSourceForm } from "@/components/sources/source-forms";
import { listCredentials } from "@/lib/credentials/list-credentials";
import { describeLocation, listSources } from "@/lib/sources/list-sources";
import { FILE_SOURCE_KINDS } from "@/lib/sources/schemas";
import { ReviewRulesForm } from "@/components/sources/review-rules-form";
import { saveSourceAction, saveSourceReviewAction, testSourceAction } from "./actions";

export const metadata: Metadata = { title: "Sources" };

export default async function SourcesPage() {
  await requirePageActor("admin", "/settings/sources");
  const [sources, credentials] = await Promise.all([listSources(), listCredentials()]);
  const s3Credentials = credentials.filter((c) => c.kind === "s3" || c.kind === "gcs_hmac").map((c) => ({ id: c.id, name: c.name }));
  const fileSources = sources.filter((s) => (FILE_SOURCE_KINDS as readonly string[]).includes(s.kind));
  return (
    <>
      <PageHeader title="Sources" description="Where imports read from: an S3 bucket prefix (or GCS, MinIO) or a folder on the server, in Jointflows or Dreamdata format, on demand or on a schedule." />
      <p className="mb-4 text-sm text-slate-600">
        CRM pulls are set up separately: <Link className="text-indigo-700 underline" href="/settings/sources/exact-sales">Exact Sales</Link>.
      </p>
      <section aria-labelledby="add-source" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="add-source" className="mb-4 font-semibold">Add a source</h2>
        {s3Credentials.length === 0 ? (
          <p className="mb-4 text-sm text-slate-600">
            An S3 source needs an S3 key pair: add one in <Link className="text-indigo-700 underline" href="/settings/credentials">Settings → Credentials</Link> first.
          </p>
        ) : null}
        <SourceForm action={saveSourceAction} credentials={s3Credentials} />
      </section>

      <section aria-labelledby="saved-sources" className="mt-6">
        <h2 id="saved-sources" className="mb-3 font-semibold">Sources</h2>
        {fileSources.length === 0 ? (
          <EmptyState title="No sources yet">Add one above, test the connection to see the files it finds, then run an import from the Imports page.</EmptyState>
        ) : (
          <ul className="space-y-4">
            {fileSources.map((s) => (
              <li key={s.id} className="rounded-xl border border-slate-200 bg-white p-5" data-testid="source-settings">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="font-medium">{s.name}</h3>
                  <p className="text-sm text-slate-600">
                    {s.format} · <span className="font-mono">{describeLocation(s)}</span>
                    {s.scheduleMinutes ? ` · every ${s.scheduleMinutes} min` : " · manual"}
                  </p>
                </div>
                <div className="mt-4 space-y-4">
                  <TestSourceForm action={testSourceAction} id={s.id} />
                  <details>
                    <summary className="cursor-pointer text-sm text-indigo-700">Edit</summary>
                    <div className="mt-3"><SourceForm action={saveSourceAction} credentials={s3Credentials} source={s} /></div>
                  </details>
                </div>
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
    </>
  );
}
