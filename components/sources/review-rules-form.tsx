"use client";

// Settings → Sources: when a source's runs are held for review. Blank percent = rule off.
import { ActionForm, Field, SelectField, type FormAction } from "@/components/forms/action-form";
import type { ReviewRules } from "@/lib/imports/review-rules";

export function ReviewRulesForm({ action, sourceId, rules, webhook }: { action: FormAction<{ message: string }>; sourceId: string; rules: ReviewRules; webhook: string | null }) {
  const pct = (v: number | null) => (v === null ? "" : String(v));
  return (
    <ActionForm action={action} submitLabel="Save review rules" className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="sourceId" value={sourceId} />
      <SelectField
        name="mode"
        label="Hold runs for review"
        defaultValue={rules.mode}
        options={[
          { value: "rules", label: "when a rule below trips" },
          { value: "always", label: "always" },
          { value: "never", label: "never" },
        ]}
      />
      <Field name="removedPercent" label="Removed > % of live deals" defaultValue={pct(rules.removedPercent)} inputMode="decimal" className="w-24" />
      <Field name="rejectedPercent" label="Rejected > % of rows" defaultValue={pct(rules.rejectedPercent)} inputMode="decimal" className="w-24" />
      <Field name="changedPercent" label="Changed > % of live deals" defaultValue={pct(rules.changedPercent)} inputMode="decimal" className="w-24" />
      <Field name="minSizePercent" label="Rows < % of the last run" defaultValue={pct(rules.minSizePercent)} inputMode="decimal" className="w-24" />
      <Field name="expiryDays" label="Held runs expire after (days)" defaultValue={String(rules.expiryDays)} inputMode="numeric" className="w-24" />
      <Field
        name="webhookUrl"
        label="Webhook when a run is held"
        placeholder={webhook ? `${webhook} (set; blank keeps it)` : "https://hooks.example.com/…"}
        hint="POSTed JSON with a link to the run; the endpoint policy applies"
        className="w-80"
      />
      {webhook ? (
        <label className="mb-3 flex items-center gap-1 text-xs text-slate-600">
          <input type="checkbox" name="clearWebhook" /> remove the webhook
        </label>
      ) : null}
    </ActionForm>
  );
}
