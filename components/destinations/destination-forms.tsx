"use client";

// Add or edit a destination: kind, credential, and the kind's own settings fields as its
// folder's form.ts describes them (lib/destinations/destination-form-values.ts sends them
// here as plain data). Mapping fields are "from = to" lines; the server validates
// everything with the kind's schema.
import { useId, useState } from "react";
import { ActionForm, Field, SelectField, type FormAction } from "@/components/forms/action-form";
import type { DestinationKindChoice, FormField } from "@/lib/destinations/types";

type Credential = { id: string; name: string; kind: string };

function TextArea({ name, label, hint, defaultValue }: { name: string; label: string; hint?: string; defaultValue?: string }) {
  const id = useId();
  return (
    <div className="w-full">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">{label}</label>
      <textarea id={id} name={name} defaultValue={defaultValue} rows={4} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs" />
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}

/** One described field as an input named `${prefix}${field.name}`. */
function DescribedField({ field, prefix, value }: { field: FormField; prefix: string; value?: string }) {
  const name = `${prefix}${field.name}`;
  if (field.kind === "mapping" || field.kind === "lines") return <TextArea name={name} label={field.label} hint={field.help} defaultValue={value} />;
  if (field.kind === "select") return <SelectField name={name} label={field.label} defaultValue={value} options={[...(field.options ?? [])]} />;
  return (
    <Field
      name={name}
      label={field.label}
      hint={field.help}
      defaultValue={value}
      placeholder={field.placeholder}
      required={field.required}
      inputMode={field.kind === "number" ? "decimal" : undefined}
      className={field.wide ? "w-80" : undefined}
    />
  );
}

export function DestinationForm({
  action,
  kinds,
  credentials,
  existing,
}: {
  action: FormAction<{ message: string }>;
  kinds: DestinationKindChoice[];
  credentials: Credential[];
  existing?: { id: string; name: string; kind: string; credentialId: string | null; values: Record<string, string> };
}) {
  const [kind, setKind] = useState(existing?.kind ?? kinds[0].kind);
  const chosen = kinds.find((k) => k.kind === kind) ?? kinds[0];
  const values = existing?.kind === chosen.kind ? existing.values : chosen.defaults;
  const usable = credentials.filter((c) => chosen.credentialKinds.includes(c.kind));
  return (
    <ActionForm action={action} submitLabel={existing ? "Save changes" : "Add destination"}>
      {existing ? <input type="hidden" name="id" value={existing.id} /> : null}
      <SelectField name="kind" label="Kind" value={kind} onChange={(e) => setKind(e.target.value)} options={kinds.map((k) => ({ value: k.kind, label: k.label }))} className="min-w-72" />
      <Field name="name" label="Name" defaultValue={existing?.name} required maxLength={100} />
      <SelectField
        name="credentialId"
        label="Credential"
        defaultValue={existing?.credentialId ?? undefined}
        options={usable.length ? usable.map((c) => ({ value: c.id, label: c.name })) : [{ value: "", label: `No ${chosen.credentialKinds.join(" or ")} credential yet` }]}
      />
      {chosen.fields.map((field) => (
        <DescribedField key={`${kind}:${field.name}`} field={field} prefix="options." value={values[field.name]} />
      ))}
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
