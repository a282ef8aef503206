"use client";

import Link from "next/link";
import { useState } from "react";
import { ActionForm, Field, SelectField, type FormAction } from "@/components/forms/action-form";
import type { SourceFormField, SourceKindForm } from "@/lib/sources/source-form";
import type { SourceTestResult } from "@/lib/sources/source-kind";

type Message = { message: string };
export type CredentialOption = { id: string; name: string; kind: string };
/** A saved source as its edit form needs it: stored settings as values keyed by field name. */
export type SourceFormSource = { id: string; name: string; kind: string; scheduleMinutes: number | null; values: Record<string, string> };

/**
 * Add a source of any registered kind, or (with `source`) edit one. The kind's fields come
 * from its registry line; field names are the schema paths, so errors land beside their input.
 */
export function SourceForm({ action, kinds, credentials, source }: { action: FormAction<Message>; kinds: SourceKindForm[]; credentials: CredentialOption[]; source?: SourceFormSource }) {
  const [kind, setKind] = useState(source?.kind ?? kinds[0].kind);
  const form = kinds.find((k) => k.kind === kind) ?? kinds[0];
  return (
    <ActionForm action={action} submitLabel={source ? "Save source" : "Add source"} className="grid gap-4">
      {source ? <input type="hidden" name="id" value={source.id} /> : null}
      <div className="flex flex-wrap gap-4">
        <Field name="name" label="Name" required maxLength={100} defaultValue={source?.name} placeholder="e.g. Jointflows production" />
        <SelectField name="kind" label="Kind" value={kind} onChange={(e) => setKind(e.target.value)} options={kinds.map((k) => ({ value: k.kind, label: k.label }))} className="min-w-80" />
        <Field name="scheduleMinutes" label="Import every (minutes)" type="number" min={5} max={10080} defaultValue={source?.scheduleMinutes ?? ""} placeholder="manual only" className="w-40" />
      </div>
      {/* Keyed by kind: switching kinds starts from that kind's defaults (or this source's values). */}
      <KindFields key={form.kind} form={form} credentials={credentials} values={source?.kind === form.kind ? source.values : {}} />
    </ActionForm>
  );
}

function KindFields({ form, credentials, values }: { form: SourceKindForm; credentials: CredentialOption[]; values: Record<string, string> }) {
  const initial = (field: SourceFormField) => values[field.name] ?? ("defaultValue" in field ? field.defaultValue : undefined) ?? "";
  // Selects other fields depend on (showWhen) are followed as they change.
  const [watched, setWatched] = useState<Record<string, string>>(() =>
    Object.fromEntries(form.groups.flatMap((g) => g.fields).filter((f) => f.type === "select").map((f) => [f.name, initial(f)])),
  );
  const shown = (field: SourceFormField) => !field.showWhen || watched[field.showWhen.name] === field.showWhen.equals;
  return (
    <>
      {form.groups.map((group) => (
        <fieldset key={group.legend} className="flex flex-wrap gap-4">
          <legend className="mb-2 text-sm font-medium text-slate-700">{group.legend}</legend>
          {group.fields.map((field) => {
            // A hidden field still posts its value: saving must not reset a setting the form only hides.
            if (!shown(field)) return <input key={field.name} type="hidden" name={field.name} value={field.type === "select" ? watched[field.name] : initial(field)} />;
            const common = { name: field.name, label: field.label, className: field.className };
            switch (field.type) {
              case "select":
                return (
                  <SelectField key={field.name} {...common} value={watched[field.name]} onChange={(e) => setWatched((w) => ({ ...w, [field.name]: e.target.value }))} options={field.options} />
                );
              case "credential":
                return <CredentialField key={field.name} field={field} credentials={credentials} value={values[field.name]} />;
              default:
                return (
                  <Field
                    key={field.name}
                    {...common}
                    type={field.type}
                    required={field.required}
                    placeholder={field.placeholder}
                    hint={field.hint}
                    defaultValue={initial(field)}
                    {...(field.type === "number" ? { min: field.min, max: field.max } : { maxLength: field.maxLength })}
                  />
                );
            }
          })}
        </fieldset>
      ))}
    </>
  );
}

function CredentialField({ field, credentials, value }: { field: Extract<SourceFormField, { type: "credential" }>; credentials: CredentialOption[]; value?: string }) {
  const usable = credentials.filter((c) => (field.credentialKinds as readonly string[]).includes(c.kind));
  if (usable.length === 0) {
    return (
      <p className="max-w-md text-sm text-slate-600">
        {field.label}: none stored yet. Add one in <Link className="text-indigo-700 underline" href="/settings/credentials">Settings → Credentials</Link> first.
        {field.hint ? ` ${field.hint}.` : ""}
      </p>
    );
  }
  return (
    <div>
      <SelectField name={field.name} label={field.label} defaultValue={value ?? ""} options={[{ value: "", label: "—" }, ...usable.map((c) => ({ value: c.id, label: c.name }))]} className={field.className} />
      {field.hint ? <p className="mt-1 max-w-xs text-xs text-slate-500">{field.hint}</p> : null}
    </div>
  );
}

export function TestSourceForm({ action, id }: { action: FormAction<SourceTestResult>; id: string }) {
  return (
    <ActionForm
      action={action}
      submitLabel="Test connection"
      pendingLabel="Testing…"
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
