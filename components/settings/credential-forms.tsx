"use client";

import { useState } from "react";
import { ActionForm, Field, SelectField, type FormAction } from "@/components/forms/action-form";
import { DEFAULT_ENDPOINTS } from "@/lib/credentials/credential-endpoint";
import { CREDENTIAL_KIND_LABELS, CREDENTIAL_KINDS, type CredentialKind } from "@/lib/credentials/kinds";

type Message = { message: string };

/** Secret inputs per kind; names are the schema paths so errors land on the right field. */
function SecretFields({ kind }: { kind: CredentialKind }) {
  const secret = { type: "password", autoComplete: "off", spellCheck: false, maxLength: 4096 } as const;
  switch (kind) {
    case "s3":
    case "gcs_hmac":
      return (
        <>
          <Field name="secret.accessKeyId" label="Access key id" required {...secret} type="text" />
          <Field name="secret.secretAccessKey" label="Secret access key" required {...secret} />
          <Field name="secret.sessionToken" label="Session token (optional)" {...secret} />
        </>
      );
    case "chartmogul":
      return <Field name="secret.apiKey" label="API key" required {...secret} className="w-80" />;
    case "pipeliner":
      return (
        <>
          <Field name="secret.username" label="API username" required {...secret} type="text" />
          <Field name="secret.password" label="API password" required {...secret} />
          <Field name="secret.serviceUrl" label="Service URL" required type="url" maxLength={2048} placeholder="https://eu-central.api.pipelinersales.com" className="w-80" />
          <Field name="secret.spaceId" label="Space id" required maxLength={200} />
        </>
      );
    case "exact_sales":
      return <Field name="secret.token" label="Token (token_exact)" required {...secret} className="w-80" />;
  }
}

/** Where the secret may be sent: saved with it, so changing it means entering the secret again. */
function EndpointField({ kind, value }: { kind: CredentialKind; value?: string | null }) {
  if (kind === "pipeliner") return null; // its service URL is the endpoint
  return (
    <Field
      name="endpoint"
      label="Endpoint (the only place this secret is sent)"
      type="url"
      maxLength={2048}
      defaultValue={value ?? undefined}
      placeholder={DEFAULT_ENDPOINTS[kind] ?? "AWS (from the region)"}
      className="w-80"
    />
  );
}

/** Add a credential, or (with `fixed`) replace the secret (and endpoint) of an existing one. */
export function CredentialForm({ action, fixed }: { action: FormAction<Message>; fixed?: { id: string; name: string; kind: CredentialKind; endpoint: string | null } }) {
  const [kind, setKind] = useState<CredentialKind>(fixed?.kind ?? "s3");
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
            value={kind}
            onChange={(e) => setKind(e.target.value as CredentialKind)}
            options={CREDENTIAL_KINDS.map((k) => ({ value: k, label: CREDENTIAL_KIND_LABELS[k] }))}
            className="w-72"
          />
          <Field name="name" label="Name" required maxLength={100} placeholder="e.g. Production S3" />
        </>
      )}
      <EndpointField key={`endpoint-${kind}`} kind={kind} value={fixed?.endpoint} />
      <SecretFields key={kind} kind={kind} />
    </ActionForm>
  );
}

type TestResult = { ok: boolean; message: string; endpoint: string; durationMs: number };

export function TestConnectionForm({ action, id, kind }: { action: FormAction<TestResult>; id: string; kind: CredentialKind }) {
  const storage = kind === "s3" || kind === "gcs_hmac";
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
      {storage ? (
        <>
          <Field name="bucket" label="Bucket" required maxLength={255} className="w-40" />
          <Field name="region" label="Region" maxLength={64} placeholder={kind === "gcs_hmac" ? "auto" : "us-east-1"} className="w-32" />
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
