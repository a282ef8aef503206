"use client";

import Link from "next/link";
import { useState } from "react";
import { ActionForm, Field, SelectField, type FormAction } from "@/components/forms/action-form";

type Message = { message: string };

export type ExactSalesSourceFormValues = {
  id: string;
  name: string;
  credentialId: string | null;
  scheduleMinutes: number | null;
  baseUrl: string;
  mode: "full" | "incremental";
  pastWindowDays: number;
  futureWindowDays: number;
  currency: string;
  amountCustomField: string;
  amountCurrency: string;
  savepoint: string | null;
};

/** Add an Exact Sales source, or (with `values`) edit one. Names are schema paths, so errors land on their field. */
export function ExactSalesSourceForm({
  action,
  credentials,
  defaultBaseUrl,
  values,
}: {
  action: FormAction<Message>;
  credentials: { id: string; name: string }[];
  defaultBaseUrl: string;
  values?: ExactSalesSourceFormValues;
}) {
  const [mode, setMode] = useState(values?.mode ?? "full");
  if (credentials.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        First store the Exact Sales token (Exact Sales → Settings → Integrations → Token Exact Api) in{" "}
        <Link className="text-indigo-700 underline" href="/settings/credentials">Settings → Credentials</Link> as an “Exact Sales token”.
      </p>
    );
  }
  return (
    <ActionForm action={action} submitLabel={values ? "Save source" : "Add source"}>
      {values ? <input type="hidden" name="id" value={values.id} /> : null}
      <Field name="name" label="Name" required maxLength={100} defaultValue={values?.name} placeholder="e.g. Exact Sales CRM" />
      <SelectField
        name="credentialId"
        label="Token (credential)"
        defaultValue={values?.credentialId ?? credentials[0].id}
        options={credentials.map((c) => ({ value: c.id, label: c.name }))}
      />
      <Field name="config.baseUrl" label="Base URL" type="url" className="w-80" defaultValue={values?.baseUrl ?? defaultBaseUrl} hint="The public API, or the sandbox in the demo" />
      <SelectField
        name="config.mode"
        label="Mode"
        value={mode}
        onChange={(e) => setMode(e.target.value as "full" | "incremental")}
        options={[
          { value: "full", label: "Full (Integral): a snapshot" },
          { value: "incremental", label: "Incremental with update window" },
        ]}
        className="w-72"
      />
      {mode === "incremental" ? (
        <>
          <Field name="savepoint" label="Savepoint" type="date" defaultValue={values?.savepoint ?? ""} hint="Blank: keep the current one (first pull: every lead)" />
          <Field name="config.pastWindowDays" label="Past window (days)" type="number" min={0} max={3650} defaultValue={values?.pastWindowDays ?? 1} className="w-32" />
          <Field name="config.futureWindowDays" label="Future window (days)" type="number" min={0} max={3650} defaultValue={values?.futureWindowDays ?? 30} className="w-32" />
        </>
      ) : null}
      <Field name="config.currency" label="Currency" defaultValue={values?.currency ?? "BRL"} maxLength={3} className="w-24" />
      <Field
        name="config.amountCustomField"
        label="Amount of open leads from custom field"
        defaultValue={values?.amountCustomField ?? ""}
        placeholder="_valorestimado"
        className="w-56"
        hint="Open leads have no value in Exact Sales until sold; name a custom field (campos customizados) holding an estimate. Blank: none"
      />
      <Field name="config.amountCurrency" label="Amount currency" defaultValue={values?.amountCurrency ?? ""} placeholder="same as above" maxLength={3} className="w-32" />
      <Field name="scheduleMinutes" label="Schedule (minutes)" type="number" min={5} defaultValue={values?.scheduleMinutes ?? ""} className="w-32" hint="Blank: on demand only" />
    </ActionForm>
  );
}

export function TestExactSalesSourceForm({ action, credentialId }: { action: FormAction<Message & { ok: boolean }>; credentialId: string }) {
  return (
    <ActionForm
      action={action}
      submitLabel="Test connection"
      pendingLabel="Testing…"
      className="inline-flex"
      result={(data) => (
        <p role="status" className={data.ok ? "text-emerald-700" : "text-red-700"}>{data.message}</p>
      )}
    >
      <input type="hidden" name="credentialId" value={credentialId} />
    </ActionForm>
  );
}

export function PullNowForm({ action, sourceId }: { action: FormAction<Message & { runId: string }>; sourceId: string }) {
  return (
    <ActionForm
      action={action}
      submitLabel="Pull now"
      pendingLabel="Starting…"
      className="inline-flex"
      result={(data) => (
        <p role="status" className="text-emerald-700">
          {data.message} — <Link className="underline" href={`/imports/${data.runId}`}>follow it</Link>
        </p>
      )}
    >
      <input type="hidden" name="sourceId" value={sourceId} />
    </ActionForm>
  );
}
