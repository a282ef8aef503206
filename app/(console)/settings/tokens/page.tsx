import type { Metadata } from "next";
import { requirePageActor } from "@/app/_lib/guard";
import { CreateTokenForm } from "@/components/settings/create-token-form";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { listApiTokens, tokenStatus } from "@/lib/auth/api-tokens";
import { createTokenAction, revokeTokenAction } from "./actions";
import { formatUtc } from "@/lib/format-utc";
import { SimpleTable } from "@/components/simple-table";

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
          <SimpleTable
            rows={tokens}
            rowKey={(t) => t.id}
            columns={[
              { header: "Name", className: "font-medium", cell: (t) => t.name },
              { header: "Prefix", className: "font-mono", cell: (t) => `${t.prefix}…` },
              { header: "Created", cell: (t) => date(t.createdAt) },
              { header: "Last used", cell: (t) => date(t.lastUsedAt) },
              { header: "Expires", cell: (t) => date(t.expiresAt) },
              { header: "Status", cell: (t) => tokenStatus(t) },
              {
                header: "Actions",
                srOnly: true,
                className: "text-right",
                cell: (t) =>
                  !t.revokedAt ? (
                    <form action={async (form) => { "use server"; await revokeTokenAction(form); }}>
                      <input type="hidden" name="tokenId" value={t.id} />
                      <button className="text-red-700 hover:underline">Revoke</button>
                    </form>
                  ) : null,
              },
            ]}
          />
        )}
      </section>
    </>
  );
}
