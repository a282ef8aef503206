import type { Metadata } from "next";
import { requirePageActor } from "@/app/_lib/guard";
import { DestinationForm, TestDestinationForm } from "@/components/destinations/destination-forms";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { listCredentials } from "@/lib/credentials/list-credentials";
import { destinationFormValues, destinationKindChoices, destinationSummary } from "@/lib/destinations/destination-form-values";
import { listDestinations } from "@/lib/destinations/list-destinations";
import { saveDestinationAction, testDestinationAction } from "./actions";

export const metadata: Metadata = { title: "Destinations" };

export default async function DestinationsPage() {
  await requirePageActor("admin", "/settings/destinations");
  const [destinations, credentials] = await Promise.all([listDestinations(), listCredentials()]);
  const credentialOptions = credentials.map((c) => ({ id: c.id, name: c.name, kind: c.kind }));
  const kinds = destinationKindChoices();
  return (
    <>
      <PageHeader title="Destinations" description={`Where pushes go: ${kinds.map((k) => k.label).join("; ")}. Each has a credential and its settings.`} />
      <section aria-labelledby="add-destination" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="add-destination" className="mb-4 font-semibold">Add a destination</h2>
        <DestinationForm action={saveDestinationAction} kinds={kinds} credentials={credentialOptions} />
      </section>
      <section aria-labelledby="configured" className="mt-6">
        <h2 id="configured" className="mb-3 font-semibold">Configured destinations</h2>
        {destinations.length === 0 ? (
          <EmptyState title="No destinations yet">Add a credential under Settings → Credentials, then a destination above.</EmptyState>
        ) : (
          <ul className="space-y-4">
            {destinations.map((d) => (
              <li key={d.id} data-testid="destination" className="rounded-xl border border-slate-200 bg-white p-5">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="font-medium">{d.name}</h3>
                  <p className="text-sm text-slate-600">
                    {d.kind} · credential {d.credential ? `"${d.credential.name}" …${d.credential.last4 || "????"}` : "missing"} · id <span className="font-mono">{d.id}</span>
                  </p>
                </div>
                <ul data-testid="destination-summary" className="mt-2 space-y-0.5 text-sm text-slate-600">
                  {destinationSummary(d.kind, d.options).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
                <div className="mt-4 space-y-4">
                  <TestDestinationForm action={testDestinationAction} id={d.id} />
                  <details>
                    <summary className="cursor-pointer text-sm text-indigo-700">Edit settings and mappings</summary>
                    <div className="mt-3">
                      <DestinationForm
                        action={saveDestinationAction}
                        kinds={kinds}
                        credentials={credentialOptions}
                        existing={{ id: d.id, name: d.name, kind: d.kind, credentialId: d.credentialId, values: destinationFormValues(d.kind, d.options) }}
                      />
                    </div>
                  </details>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
