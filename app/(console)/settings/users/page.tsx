import type { Metadata } from "next";
import { requirePageActor } from "@/app/_lib/guard";
import { PageHeader } from "@/components/shell/page-header";
import { AddUserForm, ChangeRoleForm, DisableUserForm, ResetPasswordForm, RevokeUserTokenForm } from "@/components/settings/user-forms";
import { listAllApiTokens, tokenStatus } from "@/lib/auth/api-tokens";
import { listUsers } from "@/lib/users/list-users";
import { addUserAction, changeUserRoleAction, resetUserPasswordAction, revokeUserTokenAction, setUserDisabledAction } from "./actions";
import { formatUtc } from "@/lib/format-utc";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requirePageActor("admin", "/settings/users");
  const [users, tokens] = await Promise.all([listUsers(), listAllApiTokens()]);
  const liveTokensOf = (userId: string) => tokens.filter((t) => t.user.id === userId && !t.revokedAt);
  return (
    <>
      <PageHeader
        title="Users"
        description="Who can sign in and what they may do. Changing a role, disabling or resetting a password ends that user's sessions at once; disabling or resetting a password also revokes their API tokens."
      />
      <section aria-labelledby="add-user" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="add-user" className="mb-4 font-semibold">Add a user</h2>
        <AddUserForm action={addUserAction} />
      </section>
      <section aria-labelledby="user-list" className="mt-6">
        <h2 id="user-list" className="mb-3 font-semibold">{users.length} {users.length === 1 ? "user" : "users"}</h2>
        <ul className="space-y-3">
          {users.map((u) => (
            <li key={u.id} data-testid="user" className="rounded-xl border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p className="font-medium">
                  {u.email}
                  {u.name ? <span className="ml-2 font-normal text-slate-600">{u.name}</span> : null}
                  {u.id === actor.id ? <span className="ml-2 text-xs text-slate-500">(you)</span> : null}
                </p>
                <p className="text-sm">
                  <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium uppercase">{u.role}</span>
                  {u.disabled ? <span className="ml-2 rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800">disabled</span> : null}
                </p>
              </div>
              <div className="mt-3 flex flex-wrap items-end gap-4">
                <ChangeRoleForm action={changeUserRoleAction} userId={u.id} role={u.role} email={u.email} />
                {u.id !== actor.id ? <DisableUserForm action={setUserDisabledAction} userId={u.id} disabled={u.disabled} email={u.email} /> : null}
                <ResetPasswordForm action={resetUserPasswordAction} userId={u.id} email={u.email} />
              </div>
              {liveTokensOf(u.id).length ? (
                <ul aria-label={`API tokens of ${u.email}`} className="mt-3 space-y-2 border-t border-slate-100 pt-3 text-sm">
                  {liveTokensOf(u.id).map((t) => (
                    <li key={t.id} data-testid="user-token" className="flex flex-wrap items-center gap-3">
                      <span className="font-medium">API token “{t.name}”</span>
                      <span className="font-mono text-slate-600">{t.prefix}…</span>
                      <span className="text-slate-600">
                        {tokenStatus(t)}
                        {t.expiresAt ? `, expires ${formatUtc(t.expiresAt, "day")}` : ""}
                      </span>
                      <RevokeUserTokenForm action={revokeUserTokenAction} tokenId={t.id} label={`Revoke token “${t.name}” of ${u.email}`} />
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
