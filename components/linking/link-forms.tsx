"use client";

// Forms of Settings → Linking (and the import review's suggestions): confirm or dismiss a
// suggestion, save a link rule for a source pair, choose which source each linked-deal field comes from.
import { ActionForm, Field, SelectField, type FormAction } from "@/components/forms/action-form";

type Message = { message: string };
type Option = { value: string; label: string };

export function LinkSuggestionForm({ action, suggestionId, description }: { action: FormAction<Message>; suggestionId: string; description: string }) {
  return (
    <div className="flex gap-2">
      <ActionForm action={action} submitLabel="Link" pendingLabel="Linking…" className="inline-flex">
        <input type="hidden" name="suggestionId" value={suggestionId} />
        <input type="hidden" name="decision" value="confirm" />
        <span className="sr-only">{description}</span>
      </ActionForm>
      <ActionForm action={action} submitLabel="Keep apart" pendingLabel="Saving…" secondary className="inline-flex">
        <input type="hidden" name="suggestionId" value={suggestionId} />
        <input type="hidden" name="decision" value="dismiss" />
      </ActionForm>
    </div>
  );
}

export function LinkRuleForm({ action, sources, fieldHint, noun }: { action: FormAction<Message>; sources: Option[]; fieldHint: string; noun: string }) {
  return (
    <ActionForm action={action} submitLabel={`Save ${noun} rule`} pendingLabel="Saving…">
      <SelectField name="sourceId" label="Source" options={sources} />
      <Field name="field" label="Field" hint={fieldHint} className="w-44" required />
      <SelectField name="otherSourceId" label="Other source" options={sources} defaultValue={sources[1]?.value} />
      <Field name="otherField" label="Other field" className="w-44" required />
    </ActionForm>
  );
}

export function FieldSourcesForm({
  action,
  fields,
  sources,
  current,
}: {
  action: FormAction<Message>;
  fields: { field: string; label: string }[];
  sources: Option[];
  current: Record<string, string>;
}) {
  const options = [{ value: "", label: "Most recently updated" }, ...sources];
  return (
    <ActionForm action={action} submitLabel="Save field sources" pendingLabel="Saving…" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {fields.map((f) => (
        <SelectField key={f.field} name={f.field} label={f.label} options={options} defaultValue={current[f.field] ?? ""} className="w-full" />
      ))}
    </ActionForm>
  );
}

export function DeleteLinkRuleForm({ action, kind, ruleId, description }: { action: FormAction<Message>; kind: "deal" | "account"; ruleId: string; description: string }) {
  return (
    <ActionForm action={action} submitLabel="Remove" pendingLabel="Removing…" danger className="inline-flex" confirm={`Remove the rule ${description}? Links it made stay.`}>
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="ruleId" value={ruleId} />
    </ActionForm>
  );
}
