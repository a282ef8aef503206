"use client";

import { ActionForm, Field, SelectField, type FormAction } from "@/components/forms/action-form";

type Message = { message: string };
type OneTimePassword = { email: string; password: string };

const ROLE_OPTIONS = [
  { value: "viewer", label: "Viewer (read-only)" },
  { value: "operator", label: "Operator (imports and pushes)" },
  { value: "admin", label: "Admin (everything)" },
];

function ShowPasswordOnce({ email, password }: OneTimePassword) {
  return (
    <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3">
      <p className="font-medium">Password for {email} — copy it now, it will not be shown again.</p>
      <code data-testid="one-time-password" className="mt-1 block break-all rounded bg-white px-2 py-1 font-mono">{password}</code>
    </div>
  );
}

export function AddUserForm({ action }: { action: FormAction<OneTimePassword> }) {
  return (
    <ActionForm action={action} submitLabel="Add user" result={(r) => <ShowPasswordOnce {...r} />}>
      <Field name="email" label="E-mail" type="email" required maxLength={254} className="w-64" />
      <Field name="name" label="Name (optional)" maxLength={120} />
      <SelectField name="role" label="Role" defaultValue="viewer" options={ROLE_OPTIONS} />
    </ActionForm>
  );
}

export function ChangeRoleForm({ action, userId, role, email }: { action: FormAction<Message>; userId: string; role: string; email: string }) {
  return (
    <ActionForm action={action} submitLabel="Change role" className="flex items-end gap-2">
      <input type="hidden" name="userId" value={userId} />
      <SelectField name="role" label={`Role of ${email}`} defaultValue={role} options={ROLE_OPTIONS} className="min-w-52" />
    </ActionForm>
  );
}

export function DisableUserForm({ action, userId, disabled, email }: { action: FormAction<Message>; userId: string; disabled: boolean; email: string }) {
  return (
    <ActionForm
      action={action}
      submitLabel={disabled ? `Enable ${email}` : `Disable ${email}`}
      danger={!disabled}
      confirm={disabled ? undefined : `Disable ${email}? Their sessions and API tokens stop at once.`}
      className="inline-flex"
    >
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
    </ActionForm>
  );
}

export function ResetPasswordForm({ action, userId, email }: { action: FormAction<OneTimePassword>; userId: string; email: string }) {
  return (
    <ActionForm
      action={action}
      submitLabel={`Reset password of ${email}`}
      danger
      confirm={`Reset the password of ${email}? Their sessions end.`}
      className="inline-flex"
      result={(r) => <ShowPasswordOnce {...r} />}
    >
      <input type="hidden" name="userId" value={userId} />
    </ActionForm>
  );
}

export function RevokeUserTokenForm({ action, tokenId, label }: { action: FormAction<Message>; tokenId: string; label: string }) {
  return (
    <ActionForm action={action} submitLabel={label} danger className="inline-flex">
      <input type="hidden" name="tokenId" value={tokenId} />
    </ActionForm>
  );
}
