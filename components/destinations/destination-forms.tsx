"use client";

// Add or edit a destination: kind, credential, and the kind's settings and mappings
// (mapping fields are "from = to" lines; the server validates them with the same schema).
import { useId, useState } from "react";
import { ActionForm, Field, SelectField, type FormAction } from "@/components/forms/action-form";

type Credential = { id: string; name: string; kind: string };

const KINDS = [
  { value: "chartmogul", label: "ChartMogul (opportunities)", credentials: ["chartmogul"] },
  { value: "pipeliner", label: "Pipeliner (opportunities)", credentials: ["pipeliner"] },
  { value: "jointflows", label: "Jointflows (S3 flat-file drop)", credentials: ["s3"] },
  { value: "dreamdata", label: "Dreamdata (stage objects, GCS or S3 full dump)", credentials: ["gcs_hmac", "s3"] },
];

function Mapping({ name, label, hint, defaultValue }: { name: string; label: string; hint: string; defaultValue?: string }) {
  const id = useId();
  return (
    <div className="w-full">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">{label}</label>
      <textarea id={id} name={name} defaultValue={defaultValue} rows={4} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs" />
      <p className="mt-1 text-xs text-slate-500">{hint}</p>
    </div>
  );
}

function KindFields({ kind, values }: { kind: string; values: Record<string, string> }) {
  const v = (key: string) => values[`options.${key}`] ?? values[key];
  switch (kind) {
    case "chartmogul":
      return (
        <>
          <Field name="options.apiUrl" label="API URL" defaultValue={v("apiUrl")} placeholder="the credential's endpoint" hint="Empty: the credential's endpoint, the only place its key is sent" className="w-80" />
          <Field name="options.defaultPipeline" label="Default pipeline" defaultValue={v("defaultPipeline")} placeholder="New Business" />
          <Field name="options.defaultOwner" label="Default owner e-mail" defaultValue={v("defaultOwner")} />
          <Mapping name="options.stages" label="Stage mapping" defaultValue={v("stages")} hint="Deal stage = ChartMogul stage | forecast category | win likelihood, e.g. Closed Won = Closed Won | won | 100" />
          <Mapping name="options.pipelines" label="Pipeline mapping" defaultValue={v("pipelines")} hint="Deal pipeline = ChartMogul pipeline (unmapped pipelines are sent by name)" />
          <Mapping name="options.owners" label="Owner mapping" defaultValue={v("owners")} hint="Deal owner e-mail = ChartMogul user e-mail (a CRM seat)" />
          <Mapping name="options.crmUsers" label="CRM users" defaultValue={v("crmUsers")} hint="E-mails of ChartMogul users with a CRM seat; other owners fall back to the default owner" />
          <Field name="options.matchField" label="Account field holding external_id" defaultValue={v("matchField") ?? "externalId"} hint='Matching rule 2: "externalId", "properties.<column>" or "none"' />
        </>
      );
    case "pipeliner":
      return (
        <>
          <Field name="options.defaultPipeline" label="Default pipeline" defaultValue={v("defaultPipeline")} />
          <Field name="options.defaultOwner" label="Default owner e-mail" defaultValue={v("defaultOwner")} />
          <Mapping name="options.stages" label="Stage → step mapping" defaultValue={v("stages")} hint="Deal stage = Pipeliner step (must exist; unmapped: the step of the same name, else the first step)" />
          <Mapping name="options.pipelines" label="Pipeline mapping" defaultValue={v("pipelines")} hint="Deal pipeline = Pipeliner pipeline" />
          <Mapping name="options.owners" label="Owner mapping" defaultValue={v("owners")} hint="Deal owner e-mail = Pipeliner user e-mail" />
          <Field name="options.matchField" label="Account field holding the Pipeliner account id" defaultValue={v("matchField") ?? "none"} hint='Matching rule 2: "externalId", "properties.<column>" or "none"' />
        </>
      );
    case "dreamdata":
      return (
        <>
          <Field name="options.endpoint" label="S3 endpoint (GCS: https://storage.googleapis.com; empty: AWS)" defaultValue={v("endpoint")} className="w-80" />
          <Field name="options.region" label="Region" defaultValue={v("region") ?? "us-east-1"} />
          <Field name="options.bucket" label="Bucket" defaultValue={v("bucket")} required />
          <Field name="options.prefix" label="Folder" defaultValue={v("prefix")} placeholder="dreamdata/" />
          <Field name="options.closedStages" label="Closed stages (they get a closed_date)" defaultValue={v("closedStages") ?? "Closed Won, Closed Lost"} className="w-80" />
        </>
      );
    default:
      return (
        <>
          <Field name="options.endpoint" label="S3 endpoint (empty: AWS)" defaultValue={v("endpoint")} className="w-80" />
          <Field name="options.region" label="Region" defaultValue={v("region") ?? "us-east-1"} />
          <Field name="options.bucket" label="Bucket" defaultValue={v("bucket")} required />
          <Field name="options.prefix" label="Folder" defaultValue={v("prefix")} placeholder="jointflows/" />
          <Field name="options.platformCurrency" label="Platform currency" defaultValue={v("platformCurrency")} placeholder="base currency" />
          <Field name="options.defaultProjectType" label="Default project type" defaultValue={v("defaultProjectType")} />
        </>
      );
  }
}

export function DestinationForm({
  action,
  credentials,
  existing,
}: {
  action: FormAction<{ message: string }>;
  credentials: Credential[];
  existing?: { id: string; name: string; kind: string; credentialId: string | null; values: Record<string, string> };
}) {
  const [kind, setKind] = useState(existing?.kind ?? "chartmogul");
  const wanted = KINDS.find((k) => k.value === kind)!.credentials;
  const usable = credentials.filter((c) => wanted.includes(c.kind));
  return (
    <ActionForm action={action} submitLabel={existing ? "Save changes" : "Add destination"}>
      {existing ? <input type="hidden" name="id" value={existing.id} /> : null}
      <SelectField name="kind" label="Kind" value={kind} onChange={(e) => setKind(e.target.value)} options={KINDS} className="w-72" />
      <Field name="name" label="Name" defaultValue={existing?.name} required maxLength={100} />
      <SelectField
        name="credentialId"
        label="Credential"
        defaultValue={existing?.credentialId ?? undefined}
        options={usable.length ? usable.map((c) => ({ value: c.id, label: c.name })) : [{ value: "", label: `No ${wanted.join(" or ")} credential yet` }]}
      />
      <KindFields key={kind} kind={kind} values={existing?.values ?? {}} />
    </ActionForm>
  );
}

export function TestDestinationForm({ action, id }: { action: FormAction<{ ok: boolean; message: string }>; id: string }) {
  return (
    <ActionForm
      action={action}
      submitLabel="Test connection"
      pendingLabel="Testing…"
      result={(r) => <p role="status" className={r.ok ? "text-emerald-700" : "text-red-700"}><strong>{r.ok ? "Connected" : "Failed"}</strong>: {r.message}</p>}
    >
      <input type="hidden" name="id" value={id} />
    </ActionForm>
  );
}
