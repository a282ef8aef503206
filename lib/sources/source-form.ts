// How a source kind describes its settings form: plain data, so the registry (server side)
// hands it to the one form component (browser side) and to `dealport source add`. Field
// names are the schema paths the kind's settings schema reads ("location.bucket",
// "config.mode"), so a server-side error lands beside its input.
import type { CredentialKind } from "@/lib/credentials/kinds";

interface FieldCommon {
  /** Schema path, e.g. "location.bucket"; also the form input's name. */
  name: string;
  label: string;
  hint?: string;
  placeholder?: string;
  required?: boolean;
  /** Tailwind width class of the input; of a select, its minimum width (min-w-*): a select grows to its longest option. */
  className?: string;
  /** `dealport source add --<flag>`; none: not settable from the CLI. */
  flag?: string;
  /** Shown only while another (select) field holds this value. */
  showWhen?: { name: string; equals: string };
}

export type SourceFormField =
  | (FieldCommon & { type: "text" | "url" | "date"; maxLength?: number; defaultValue?: string })
  | (FieldCommon & { type: "number"; min?: number; max?: number; defaultValue?: string })
  | (FieldCommon & {
      type: "select";
      options: { value: string; label: string }[];
      defaultValue?: string;
      /** CLI words that stand for a value ("tab" for "\t"). */
      flagAliases?: Record<string, string>;
    })
  /** A stored credential of one of these kinds (its id is posted). */
  | (FieldCommon & { type: "credential"; credentialKinds: readonly CredentialKind[] });

export interface SourceFieldGroup {
  legend: string;
  fields: SourceFormField[];
}

export interface SourceKindForm {
  kind: string;
  label: string;
  groups: SourceFieldGroup[];
  /** A table shown beside the form: how this kind's records map into Dealport. */
  fieldMap?: { title: string; rows: { from: string; to: string; note?: string }[] };
}

/** { location: { bucket: "b" } } → { "location.bucket": "b" }: stored settings as form values. */
export function toFormValues(settings: Record<string, unknown>, prefix = ""): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (value === undefined || value === null) continue;
    if (typeof value === "object" && !(value instanceof Date)) Object.assign(values, toFormValues(value as Record<string, unknown>, `${prefix}${key}.`));
    else values[`${prefix}${key}`] = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  }
  return values;
}
