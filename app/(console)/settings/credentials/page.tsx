import type { Metadata } from "next";
import { requirePageActor } from "@/app/_lib/guard";
import { AllowPrivateEndpointsForm, CredentialForm, DeleteCredentialForm, TestConnectionForm } from "@/components/settings/credential-forms";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { credentialKindChoices } from "@/lib/credentials/kinds";
import { listCredentials } from "@/lib/credentials/list-credentials";
import { getAllowPrivateEndpoints } from "@/lib/settings/allow-private-endpoints";
import { deleteCredentialAction, saveCredentialAction, setAllowPrivateEndpointsAction, testConnectionAction } from "./actions";
import { formatUtc } from "@/lib/format-utc";

export const metadata: Metadata = { title: "Credentials" };


export default async function CredentialsPage() {
  await requirePageActor("admin", "/settings/credentials");
  const [credentials, allowPrivate] = await Promise.all([listCredentials(), getAllowPrivateEndpoints()]);
  const kinds = credentialKindChoices();
  const kindOf = (kind: string) => kinds.find((k) => k.kind === kind);
  return (
    <>
      <PageHeader
        title="Credentials"
        description="Keys for sources and destinations, stored encrypted. After saving, only the last 4 characters are ever shown."
      />
      <section aria-labelledby="add-credential" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="add-credential" className="mb-4 font-semibold">Add a credential</h2>
        <CredentialForm action={saveCredentialAction} kinds={kinds} />
      </section>

      <section aria-labelledby="stored-credentials" className="mt-6">
        <h2 id="stored-credentials" className="mb-3 font-semibold">Stored credentials</h2>
        {credentials.length === 0 ? (
          <EmptyState title="No credentials yet">Add one above, then test the connection before using it in a source or destination.</EmptyState>
        ) : (
          <ul className="space-y-4">
            {credentials.map((c) => (
              <li key={c.id} data-testid="credential" className="rounded-xl border border-slate-200 bg-white p-5">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="font-medium">{c.name}</h3>
                  <p className="text-sm text-slate-600">
                    {kindOf(c.kind)?.label ?? c.kind} · <span className="font-mono" data-testid="last4">…{c.last4 || "????"}</span> · updated {formatUtc(c.updatedAt)}
                    {c.createdBy?.email ? ` · added by ${c.createdBy.email}` : ""}
                  </p>
                </div>
                <p className="mt-1 text-sm text-slate-600">
                  Sent only to <span className="font-mono" data-testid="credential-endpoint">{c.endpoint ?? kindOf(c.kind)?.unsetEndpoint}</span>
                </p>
                <div className="mt-4 space-y-4">
                  <TestConnectionForm action={testConnectionAction} id={c.id} bucketTest={kindOf(c.kind)?.bucketTest ?? null} />
                  <details>
                    <summary className="cursor-pointer text-sm text-indigo-700">Replace secret or endpoint</summary>
                    <div className="mt-3">
                      <CredentialForm action={saveCredentialAction} kinds={kinds} fixed={{ id: c.id, name: c.name, kind: c.kind, endpoint: c.endpoint }} />
                    </div>
                  </details>
                  <DeleteCredentialForm action={deleteCredentialAction} id={c.id} name={c.name} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="endpoints" className="mt-6 rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="endpoints" className="font-semibold">Endpoints</h2>
        <p className="mb-3 mt-1 text-sm text-slate-600">
          In production, endpoints must be public https URLs. Allow http and private addresses only for services on your own network.
        </p>
        <AllowPrivateEndpointsForm action={setAllowPrivateEndpointsAction} allowed={allowPrivate} />
      </section>
    </>
  );
}
