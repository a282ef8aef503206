// Between a destination's stored settings and the forms, built from each destination's
// own form description (its folder's form.ts): the kinds the settings form offers, stored
// settings back as form text, form text to validated settings, the summary lines and the
// push options. Nothing here knows a particular kind.
import "server-only";
import { AppError, fieldErrors } from "@/lib/errors";
import { formatMappingLines } from "./mapping-lines";
import { DESTINATION_KINDS, destinationModule } from "./registry";
import type { AnyDestination, DestinationKindChoice, FormField } from "./types";

export function credentialKindsOf(adapter: AnyDestination): readonly string[] {
  return typeof adapter.credentialKind === "string" ? [adapter.credentialKind] : adapter.credentialKind;
}

export function destinationKindChoices(): DestinationKindChoice[] {
  return DESTINATION_KINDS.map((kind) => {
    const adapter = destinationModule(kind);
    return {
      kind,
      label: `${adapter.label} (${adapter.form.description})`,
      credentialKinds: [...credentialKindsOf(adapter)],
      fields: [...adapter.form.fields],
      defaults: destinationFormValues(kind, {}),
    };
  });
}

/** A field's value as form text: mappings as "from = to" lines, lists one per line. */
function formText(adapter: AnyDestination, field: FormField, value: unknown): string {
  if (field.kind === "mapping") {
    const entryText = adapter.form.mappingText?.[field.name] ?? String;
    return formatMappingLines(Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([from, to]) => [from, entryText(to)])));
  }
  if (Array.isArray(value)) return value.join("\n");
  return String(value);
}

/**
 * A destination's settings as the form shows them, keyed by field name. A value not
 * stored shows the schema's default (a new destination passes `{}`).
 */
export function destinationFormValues(kind: string, stored: unknown): Record<string, string> {
  const adapter = destinationModule(kind);
  const options = (stored ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const field of adapter.form.fields) {
    let value = options[field.name];
    if (value === undefined || value === null) {
      const fallback = adapter.configSchema.shape[field.name]?.safeParse(undefined);
      value = fallback?.success ? fallback.data : undefined;
    }
    if (value !== undefined && value !== null) out[field.name] = formText(adapter, field, value);
  }
  return out;
}

/**
 * Form text (or the API's JSON) → the kind's validated settings. Field errors are keyed
 * `options.<field>`, the form inputs' names.
 */
export function parseDestinationOptions(adapter: AnyDestination, options: unknown): unknown {
  const parsed = adapter.configSchema.safeParse(options);
  if (parsed.success) return parsed.data;
  const errors = Object.fromEntries(Object.entries(fieldErrors(parsed.error)).map(([k, v]) => [`options.${k}`, v]));
  // Mapping textareas have no error slot of their own, so the message names the field too.
  throw new AppError("validation_failed", `Some settings are invalid: ${Object.entries(errors).map(([k, v]) => `${k.replace("options.", "")}: ${v}`).join("; ")}`, errors);
}

/** The stored settings in a few lines; settings that no longer pass their checks say so. */
export function destinationSummary(kind: string, stored: unknown): string[] {
  const adapter = destinationModule(kind);
  const parsed = adapter.configSchema.safeParse(stored ?? {});
  if (!parsed.success) return [`Settings no longer pass their checks (${Object.entries(fieldErrors(parsed.error)).map(([k, v]) => `${k}: ${v}`).join("; ")}); edit them below`];
  return adapter.form.summary(parsed.data);
}

/** The options a push to this kind takes (the push dialog's fields). */
export function runOptionFields(kind: string): FormField[] {
  return [...(destinationModule(kind).form.runOptions ?? [])];
}

/**
 * Options chosen for a push, checked against the kind's run options: empty ones are
 * dropped (not chosen), one the kind doesn't take is refused.
 */
export function parseRunOptions(kind: string, options: Record<string, string | undefined>): Record<string, string> {
  const adapter = destinationModule(kind);
  const known = new Set(runOptionFields(kind).map((f) => f.name));
  const chosen = Object.entries(options).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== "");
  const unknown = chosen.filter(([name]) => !known.has(name));
  if (unknown.length) {
    throw new AppError(
      "validation_failed",
      `${adapter.label} takes no push option ${unknown.map(([name]) => `"${name}"`).join(", ")}${known.size ? ` (it takes ${[...known].join(", ")})` : ""}`,
      Object.fromEntries(unknown.map(([name]) => [`options.${name}`, `${adapter.label} takes no such option`])),
    );
  }
  return Object.fromEntries(chosen);
}
