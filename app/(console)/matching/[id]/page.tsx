import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/app/_lib/guard";
import { orNotFound } from "@/app/_lib/or-not-found";
import { ActionForm, SelectField } from "@/components/forms/action-form";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { BackToList } from "@/components/shell/back-to-list";
import { canLinkAccounts } from "@/lib/auth/permissions";
import { DestinationError } from "@/lib/destinations/destination-error";
import { findDestination } from "@/lib/destinations/find-destination";
import { AppError } from "@/lib/errors";
import { getMatchingReport, matchingQuerySchema, type MatchingReport } from "@/lib/matching/matching-report";
import { confirmExactDomainAction, confirmMatchAction, unlinkMatchAction } from "../actions";

export const metadata: Metadata = { title: "Matching" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The destination's answer (unreachable, bad key) is a message on the page, not an error page. */
async function loadReport(id: string, search: string | undefined): Promise<{ report: MatchingReport } | { failure: string }> {
  try {
    return { report: await getMatchingReport(id, { search }) };
  } catch (err) {
    if (err instanceof DestinationError || err instanceof AppError) return { failure: err.message };
    throw err;
  }
}

export default async function MatchingPage({ params, searchParams }: Props) {
  const { id } = await params;
  const actor = await requirePageActor("signedIn", `/matching/${id}`);
  const destination = await orNotFound(findDestination(id));
  const query = matchingQuerySchema.safeParse({ search: (await searchParams).search });
  const search = query.success ? query.data.search : undefined;
  const loaded = await loadReport(destination.id, search);
  const operator = canLinkAccounts(actor);
  const hidden = <input type="hidden" name="destinationId" value={destination.id} />;

  return (
    <>
      <BackToList listPath="/matching" label="Back to matching" />
      <PageHeader
        title={`Matching · ${destination.name}`}
        description="Pushes attach each deal to the destination's record for its account: a saved link first, then external id, e-mail, website domain. Names are only suggestions."
      />
      {"failure" in loaded ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">{loaded.failure}</p>
      ) : (
        <Report report={loaded.report} operator={operator} hidden={hidden} search={search ?? ""} />
      )}
    </>
  );
}

function Report({ report, operator, hidden, search }: { report: MatchingReport; operator: boolean; hidden: React.ReactNode; search: string }) {
  const { counts, noun } = report;
  const unmatchedOptions = report.unmatched.map((u) => ({ value: u.accountId, label: u.accountName }));
  return (
    <div className="space-y-6">
      <section className="flex flex-wrap items-center justify-between gap-4 rounded-xl border border-slate-200 bg-white p-4">
        <p data-testid="matching-counts" className="text-sm">
          <strong>{counts.accounts}</strong> accounts · <strong>{counts.linked}</strong> linked · <strong>{counts.automatic}</strong> matched by the rules ·{" "}
          <strong>{counts.unmatched}</strong> without a match · {counts.candidates} {noun}s at the destination
        </p>
        {operator && counts.bulkConfirmable > 0 ? (
          <ActionForm action={confirmExactDomainAction} submitLabel={`Confirm all exact-domain suggestions (${counts.bulkConfirmable})`}>
            {hidden}
          </ActionForm>
        ) : null}
      </section>

      <section aria-labelledby="unmatched-heading">
        <h2 id="unmatched-heading" className="mb-3 font-semibold">Without a match</h2>
        {report.unmatched.length === 0 ? (
          <EmptyState title="Every account has a match">New accounts without one show up here after the next import.</EmptyState>
        ) : (
          <ul className="space-y-3">
            {report.unmatched.map((u) => (
              <li key={u.accountId} data-testid="unmatched-account" className="rounded-xl border border-slate-200 bg-white p-4 text-sm">
                <p>
                  <Link href={`/accounts/${u.accountId}`} className="font-medium text-indigo-700 hover:underline">{u.accountName}</Link>
                  {u.url ? <span className="ml-2 text-slate-500">{u.url}</span> : null}
                </p>
                <p className="mt-1 text-slate-600">{u.reason}</p>
                {u.suggestions.length ? (
                  <ul className="mt-3 space-y-2">
                    {u.suggestions.map((s) => (
                      <li key={s.candidateId} data-testid="suggestion" className="flex flex-wrap items-center gap-3">
                        <span>
                          <strong>{s.candidateName}</strong> <span className="font-mono text-xs text-slate-500">{s.candidateId}</span> · {s.why}
                        </span>
                        {operator ? (
                          <ActionForm action={confirmMatchAction} submitLabel="Confirm" className="inline-flex">
                            {hidden}
                            <input type="hidden" name="account" value={u.accountId} />
                            <input type="hidden" name="externalId" value={s.candidateId} />
                            <input type="hidden" name="via" value={`suggestion:${s.kind}`} />
                          </ActionForm>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="mt-2 text-slate-500">
                    No suggestion:{" "}
                    {/* The search sits after every account without a match: a jump, not a scroll past hundreds. */}
                    <a href="#search-heading" className="text-indigo-700 underline">search the {noun}s</a>.
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="search-heading" className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="search-heading" className="mb-3 font-semibold">Search the destination&apos;s {noun}s</h2>
        {/* Back at the results, not at the top of the page above every unmatched account. */}
        <form method="get" action="#search-heading" className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="matching-search" className="block text-sm font-medium text-slate-700">Name, e-mail, website or id</label>
            <input id="matching-search" name="search" defaultValue={search} className="mt-1 w-72 rounded-md border border-slate-300 px-3 py-2 text-sm" />
          </div>
          <button className="rounded-md border border-slate-300 px-3 py-2 text-sm">Search</button>
        </form>
        {search ? (
          report.searchResults.length === 0 ? (
            <p className="mt-3 text-sm text-slate-600">No {noun} contains &quot;{search}&quot;.</p>
          ) : (
            <ul className="mt-3 space-y-2 text-sm">
              {report.searchResults.map((r) => (
                <li key={r.id} data-testid="search-result" className="flex flex-wrap items-end gap-3">
                  <span>
                    <strong>{r.name}</strong> <span className="font-mono text-xs text-slate-500">{r.id}</span> {[...r.emails, ...r.websites].join(" · ")}
                  </span>
                  {operator && unmatchedOptions.length ? (
                    <ActionForm action={confirmMatchAction} submitLabel="Link">
                      {hidden}
                      <input type="hidden" name="externalId" value={r.id} />
                      <input type="hidden" name="via" value="search" />
                      <SelectField name="account" label="Account" options={unmatchedOptions} />
                    </ActionForm>
                  ) : null}
                </li>
              ))}
            </ul>
          )
        ) : null}
      </section>

      <section aria-labelledby="linked-heading">
        <h2 id="linked-heading" className="mb-3 font-semibold">Saved links (used by every push)</h2>
        {report.linked.length === 0 ? (
          <p className="text-sm text-slate-600">None yet: confirm a suggestion or a search result.</p>
        ) : (
          <ul className="space-y-2 text-sm">
            {report.linked.map((l) => (
              <li key={l.accountId} data-testid="saved-link" className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-3">
                <span>
                  {l.accountName} → <strong>{l.externalName ?? l.externalId}</strong> <span className="font-mono text-xs text-slate-500">{l.externalId}</span>
                </span>
                {operator ? (
                  <ActionForm action={unlinkMatchAction} submitLabel="Unlink" danger className="inline-flex">
                    {hidden}
                    <input type="hidden" name="account" value={l.accountId} />
                  </ActionForm>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="automatic-heading">
        <h2 id="automatic-heading" className="mb-3 font-semibold">Matched by the rules</h2>
        {report.automatic.length === 0 ? (
          <p className="text-sm text-slate-600">None.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {report.automatic.map((a) => (
              <li key={a.accountId} data-testid="automatic-match">
                {a.accountName} → <strong>{a.candidateName ?? a.candidateId}</strong> <span className="text-slate-500">{a.matchedBy}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
