"use client";

import { useState } from "react";
import { ActionForm, Field, SelectField, type FormAction } from "@/components/forms/action-form";
import type { CredentialKindChoice } from "@/lib/credentials/kinds";

type Message = { message: string };

/** The kind's secret inputs (its registry entry); names are the schema paths so errors land on the right field. */
function SecretFields({ kind }: { kind: CredentialKindChoice }) {
  return kind.fields.map((field) => (
    <Field
      key={field.name}
      name={`secret.${field.name}`}
      label={field.label}
      required={field.required}
      type={field.kind === "secret" ? "password" : (field.type ?? "text")}
      maxLength={field.maxLength ?? 4096}
      placeholder={field.placeholder}
      className={field.wide ? "w-80" : undefined}
      {...(field.kind === "setting" ? {} : { autoComplete: "off", spellCheck: false })}
    />
  ));
}

/** Where the secret may be sent: saved with it, so changing it means entering the secret again. */
function EndpointField({ kind, value }: { kind: CredentialKindChoice; value?: string | null }) {
  if (kind.endpointPlaceholder === null) return null; // the endpoint is one of the secret's fields
  return (
    <Field
      name="endpoint"
      label="Endpoint (the only place this secret is sent)"
      type="url"
      maxLength={2048}
      defaultValue={value ?? undefined}
      placeholder={kind.endpointPlaceholder}
      className="w-80"
    />
  );
}

/** Add a credential, or (with `fixed`) replace the secret (and endpoint) of an existing one. */
export function CredentialForm({
  action,
  kinds,
  fixed,
}: {
  action: FormAction<Message>;
  kinds: CredentialKindChoice[];
  fixed?: { id: string; name: string; kind: string; endpoint: string | null };
}) {
  const [kindName, setKindName] = useState(fixed?.kind ?? kinds[0].kind);
  const kind = kinds.find((k) => k.kind === kindName) ?? kinds[0];
  return (
    <ActionForm action={action} submitLabel={fixed ? "Replace secret" : "Save credential"}>
      {fixed ? (
        <>
          <input type="hidden" name="id" value={fixed.id} />
          <input type="hidden" name="kind" value={fixed.kind} />
          <Field name="name" label="Name" defaultValue={fixed.name} required maxLength={100} />
        </>
      ) : (
        <>
          <SelectField
            name="kind"
            label="Kind"
            value={kind.kind}
            onChange={(e) => setKindName(e.target.value as CredentialKindChoice["kind"])}
            options={kinds.map((k) => ({ value: k.kind, label: k.label }))}
            className="min-w-72"
          />
          <Field name="name" label="Name" required maxLength={100} placeholder="e.g. Production S3" />
        </>
      )}
      <EndpointField key={`endpoint-${kind.kind}`} kind={kind} value={fixed?.endpoint} />
      <SecretFields key={kind.kind} kind={kind} />
    </ActionForm>
  );
}

type TestResult = { ok: boolean; message: string; endpoint: string; durationMs: number };

export function TestConnectionForm({ action, id, bucketTest }: { action: FormAction<TestResult>; id: string; bucketTest: CredentialKindChoice["bucketTest"] }) {
  return (
    <ActionForm
      action={action}
      submitLabel="Test connection"
      pendingLabel="Testing…"
      result={(r) => (
        <p role="status" className={r.ok ? "text-emerald-700" : "text-red-700"}>
          <strong>{r.ok ? "Connected" : "Failed"}</strong>: {r.message} <span className="text-slate-500">({r.endpoint}, {r.durationMs} ms)</span>
        </p>
      )}
    >
      <input type="hidden" name="credentialId" value={id} />
      {bucketTest ? (
        <>
          <Field name="bucket" label="Bucket" required maxLength={255} className="w-40" />
          <Field name="region" label="Region" maxLength={64} placeholder={bucketTest.defaultRegion} className="w-32" />
        </>
      ) : null}
    </ActionForm>
  );
}

export function DeleteCredentialForm({ action, id, name }: { action: FormAction<Message>; id: string; name: string }) {
  return (
    <ActionForm action={action} submitLabel="Delete" danger confirm={`Delete the credential "${name}"?`}>
      <input type="hidden" name="id" value={id} />
    </ActionForm>
  );
}

export function AllowPrivateEndpointsForm({ action, allowed }: { action: FormAction<Message>; allowed: boolean }) {
  return (
    <ActionForm action={action} submitLabel="Save">
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="allow" defaultChecked={allowed} />
        Allow http and private-network endpoints (on-premises S3, a CRM behind a VPN)
      </label>
    </ActionForm>
  );
}
