import type { Metadata } from "next";
import { requirePageActor } from "@/app/_lib/guard";
import { CreateTokenForm } from "@/components/settings/create-token-form";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { listApiTokens, tokenStatus } from "@/lib/auth/api-tokens";
import { createTokenAction, revokeTokenAction } from "./actions";
import { formatUtc } from "@/lib/format-utc";

export const metadata: Metadata = { title: "API tokens" };

const date = (d: Date | null) => (d ? formatUtc(d) : "—");

export default async function TokensPage() {
  const actor = await requirePageActor("signedIn", "/settings/tokens");
  const tokens = await listApiTokens(actor);
  return (
    <>
      <PageHeader title="API tokens" description="Personal tokens for the REST API and scripts: send them as Authorization: Bearer <token>. They act with your role, expire after 90 days unless you choose otherwise, and stop when your password is reset or your account disabled." />
      <section className="rounded-xl border border-slate-200 bg-white p-6">
        <CreateTokenForm action={createTokenAction} />
      </section>
      <section className="mt-6">
        {tokens.length === 0 ? (
          <EmptyState title="No tokens yet">Create one above; it is shown once and stored only as a hash.</EmptyState>
        ) : (
          <table className="w-full overflow-hidden rounded-xl border border-slate-200 bg-white text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr><th className="px-4 py-2">Name</th><th className="px-4 py-2">Prefix</th><th className="px-4 py-2">Created</th><th className="px-4 py-2">Last used</th><th className="px-4 py-2">Expires</th><th className="px-4 py-2">Status</th><th className="px-4 py-2"><span className="sr-only">Actions</span></th></tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id} className="border-t border-slate-100">
                  <td className="px-4 py-2 font-medium">{t.name}</td>
                  <td className="px-4 py-2 font-mono">{t.prefix}…</td>
                  <td className="px-4 py-2">{date(t.createdAt)}</td>
                  <td className="px-4 py-2">{date(t.lastUsedAt)}</td>
                  <td className="px-4 py-2">{date(t.expiresAt)}</td>
                  <td className="px-4 py-2">{tokenStatus(t)}</td>
                  <td className="px-4 py-2 text-right">
                    {!t.revokedAt ? (
                      <form action={async (form) => { "use server"; await revokeTokenAction(form); }}>
                        <input type="hidden" name="tokenId" value={t.id} />
                        <button className="text-red-700 hover:underline">Revoke</button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
