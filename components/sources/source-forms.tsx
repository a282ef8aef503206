"use client";

import { useState } from "react";
import { ActionForm, Field, SelectField, type FormAction } from "@/components/forms/action-form";
import type { SourceSummary } from "@/lib/sources/list-sources";
import { FILE_SOURCE_KINDS, IMPORT_FORMAT_LABELS, IMPORT_FORMATS, SOURCE_KIND_LABELS, type FileSourceKind } from "@/lib/sources/schemas";
import type { SourceTestResult } from "@/lib/sources/test-source-connection";

type Message = { message: string };
type CredentialOption = { id: string; name: string };

const blank = { value: "", label: "—" };

/** Add a source, or (with `source`) edit one. Field names are the schema paths, so errors land beside their input. */
export function SourceForm({ action, credentials, source }: { action: FormAction<Message>; credentials: CredentialOption[]; source?: SourceSummary }) {
  const [kind, setKind] = useState<FileSourceKind>((source?.kind as FileSourceKind) ?? "s3_flatfile");
  const location = (source?.fileConfig?.location ?? {}) as Record<string, string | boolean | undefined>;
  const parse = source?.fileConfig?.parse ?? {};
  return (
    <ActionForm action={action} submitLabel={source ? "Save source" : "Add source"} className="grid gap-4">
      {source ? <input type="hidden" name="id" value={source.id} /> : null}
      <div className="flex flex-wrap gap-4">
        <Field name="name" label="Name" required maxLength={100} defaultValue={source?.name} placeholder="e.g. Jointflows production" />
        <SelectField name="kind" label="Where the files are" value={kind} onChange={(e) => setKind(e.target.value as FileSourceKind)} options={FILE_SOURCE_KINDS.map((k) => ({ value: k, label: SOURCE_KIND_LABELS[k] }))} className="w-72" />
        <SelectField name="format" label="Format" defaultValue={source?.format ?? "jointflows"} options={IMPORT_FORMATS.map((f) => ({ value: f, label: IMPORT_FORMAT_LABELS[f] }))} className="w-96" />
      </div>
      {kind === "s3_flatfile" ? (
        <fieldset className="flex flex-wrap gap-4">
          <legend className="mb-2 text-sm font-medium text-slate-700">S3 location</legend>
          <Field name="location.bucket" label="Bucket" required defaultValue={location.bucket as string} />
          <Field name="location.prefix" label="Prefix" defaultValue={location.prefix as string} placeholder="jointflows/" />
          <Field name="location.region" label="Region" defaultValue={(location.region as string) ?? "us-east-1"} />
          <Field name="location.endpoint" label="Endpoint (S3-compatible stores)" type="url" defaultValue={location.endpoint as string} placeholder="https://storage.googleapis.com" className="w-80" hint="Empty for AWS. Path-style addressing is used whenever an endpoint is set." />
          <SelectField name="credentialId" label="Credential" defaultValue={source?.credentialId ?? ""} options={[blank, ...credentials.map((c) => ({ value: c.id, label: c.name }))]} />
        </fieldset>
      ) : (
        <fieldset className="flex flex-wrap gap-4">
          <legend className="mb-2 text-sm font-medium text-slate-700">Folder on the server</legend>
          <Field name="location.path" label="Folder" required defaultValue={location.path as string} placeholder="/srv/drops/jointflows or file:///srv/drops/jointflows" className="w-96" />
        </fieldset>
      )}
      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-2 text-sm font-medium text-slate-700">Reading and schedule</legend>
        <SelectField name="parse.dateOrder" label="Ambiguous dates (03/04/2027)" defaultValue={parse.dateOrder ?? ""} options={[{ value: "", label: "Reject them" }, { value: "day-first", label: "Day first (3 April)" }, { value: "month-first", label: "Month first (March 4)" }]} />
        <SelectField name="parse.encoding" label="Encoding" defaultValue={parse.encoding ?? ""} options={[{ value: "", label: "Detect (BOM, UTF-8, Windows-1252)" }, { value: "utf-8", label: "UTF-8" }, { value: "windows-1252", label: "Windows-1252" }]} />
        <SelectField name="parse.delimiter" label="Delimiter" defaultValue={parse.delimiter ?? ""} options={[{ value: "", label: "Detect" }, { value: ",", label: "Comma" }, { value: ";", label: "Semicolon" }, { value: "\t", label: "Tab" }, { value: "|", label: "Pipe" }]} />
        <Field name="parse.defaultCurrency" label="Currency when a row has none" defaultValue={parse.defaultCurrency} placeholder="base currency" maxLength={3} className="w-40" />
        <SelectField name="parse.dreamdataDumps" label="Dreamdata: several dated dumps" defaultValue={parse.dreamdataDumps ?? ""} options={[{ value: "", label: "The newest file is the full snapshot" }, { value: "all", label: "All files together are one snapshot" }]} />
        <Field name="scheduleMinutes" label="Import every (minutes)" type="number" min={5} max={10080} defaultValue={source?.scheduleMinutes ?? ""} placeholder="manual only" className="w-40" />
      </fieldset>
    </ActionForm>
  );
}

export function TestSourceForm({ action, id }: { action: FormAction<SourceTestResult>; id: string }) {
  return (
    <ActionForm
      action={action}
      submitLabel="Test connection"
      pendingLabel="Listing files…"
      result={(r) => (
        <div role="status">
          <p className={r.ok ? "text-emerald-700" : "text-red-700"}>{r.message}</p>
          {r.files.length > 0 ? (
            <ul className="mt-2 space-y-0.5 font-mono text-xs" aria-label="Files found">
              {r.files.map((f) => (
                <li key={f.name} className={f.use === "read" ? "" : "text-slate-400"}>
                  {f.use === "read" ? "✓" : "·"} {f.name} · {f.size ?? "?"} bytes · ETag {f.etag ?? "—"}{f.reason ? ` · ${f.reason}` : ""}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
    >
      <input type="hidden" name="id" value={id} />
    </ActionForm>
  );
}
