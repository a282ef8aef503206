// Each source kind's form holds every setting of its settings schema, so editing a saved
// source posts back all of them: nothing the form lacks is silently reset to its default.
// (lib/destinations/destination-forms.test.ts holds the destination forms to the same.)
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportEnv } from "@/lib/env";
import { SOURCE_KIND_NAMES, sourceKind, sourceKindForUrl, type SourceKind } from "./registry";
import type { SourceFormField } from "./source-form";
import type { StoredSource } from "./source-kind";

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), "dealport-source-forms-"));
  exportEnv({ DEALPORT_IMPORT_ROOTS: os.tmpdir() }, { override: true });
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const PARSE_OPTIONS = {
  "parse.dateOrder": "month-first",
  "parse.encoding": "windows-1252",
  "parse.delimiter": "\t",
  "parse.decimalSeparator": ",",
  "parse.defaultCurrency": "EUR",
  "parse.dreamdataDumps": "all",
};

/** Per kind: every field of its form set to a valid value other than the form's default. */
const EVERY_SETTING: Record<SourceKind, () => Record<string, string>> = {
  s3_flatfile: () => ({
    format: "dreamdata",
    credentialId: "credential-1",
    "location.bucket": "drops",
    "location.prefix": "in/",
    "location.region": "eu-west-1",
    "location.endpoint": "https://storage.googleapis.com",
    "location.forcePathStyle": "false",
    ...PARSE_OPTIONS,
  }),
  file_folder: () => ({ format: "dreamdata", "location.path": folder, ...PARSE_OPTIONS }),
  exact_sales: () => ({
    credentialId: "credential-1",
    "config.baseUrl": "https://sandbox.example/v3",
    "config.mode": "incremental",
    savepoint: "2024-05-01",
    "config.pastWindowDays": "2",
    "config.futureWindowDays": "60",
    "config.currency": "USD",
    "config.amountCustomField": "_valorestimado",
    "config.amountCurrency": "EUR",
    "config.rateLimitRequests": "10",
    "config.rateLimitWindowSeconds": "60",
  }),
};

type Def = { type: string; shape?: Record<string, z.ZodType>; in?: z.ZodType; out?: z.ZodType; innerType?: z.ZodType };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The object inside preprocess/transform/optional/default wrappers, if the schema is one. */
function objectShape(schema: z.ZodType): Record<string, z.ZodType> | null {
  const def = defOf(schema);
  if (def.type === "object") return def.shape!;
  if (def.type === "pipe") return objectShape(def.in!) ?? objectShape(def.out!);
  if (def.innerType) return objectShape(def.innerType);
  return null;
}

/** Every setting the schema reads, by form field name ("location.bucket"), with its own schema. */
function settingPaths(schema: z.ZodType, prefix = ""): Map<string, z.ZodType> {
  const paths = new Map<string, z.ZodType>();
  for (const [key, child] of Object.entries(objectShape(schema) ?? {})) {
    if (objectShape(child)) for (const [name, leaf] of settingPaths(child, `${prefix}${key}.`)) paths.set(name, leaf);
    else paths.set(`${prefix}${key}`, child);
  }
  return paths;
}

/** { "location.bucket": "b" } → { location: { bucket: "b" } }, as a posted form is read. */
function nest(values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, value] of Object.entries(values)) {
    const [head, ...rest] = name.split(".");
    if (rest.length === 0) (out as Record<string, unknown>)[head] = value;
    else (out[head] ??= {})[rest.join(".")] = value;
  }
  return out;
}

describe.each(SOURCE_KIND_NAMES)("the %s form description", (kind) => {
  const kindModule = sourceKind(kind);
  const fields = kindModule.form.groups.flatMap((g) => g.fields);
  const settings = settingPaths(kindModule.settingsSchema);
  const defaultOf = (field: SourceFormField) => ("defaultValue" in field ? field.defaultValue : undefined);
  /** What the edit form posts: each field with the source's value, else the field's default, else blank. */
  const posted = (values: Record<string, string>) => Object.fromEntries(fields.map((f) => [f.name, values[f.name] ?? defaultOf(f) ?? ""]));
  const save = async (values: Record<string, string>) => kindModule.toRow(kindModule.settingsSchema.parse(nest(values)));

  it("has one field for every setting of the settings schema, and no other", () => {
    const names = fields.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([...settings.keys()].sort());
  });

  it("marks a field required exactly when the schema has no value without it", () => {
    for (const field of fields) {
      expect({ field: field.name, required: field.required ?? false }).toEqual({ field: field.name, required: !settings.get(field.name)!.safeParse(undefined).success });
    }
  });

  it("offers only choices the schema accepts, and a blank optional input means not set", () => {
    const every = EVERY_SETTING[kind]();
    for (const field of fields) {
      if (field.type === "select") {
        for (const option of field.options) expect(kindModule.settingsSchema.safeParse(nest({ ...every, [field.name]: option.value })).success, `${field.name}: ${option.value}`).toBe(true);
      } else if (!field.required) {
        expect(kindModule.settingsSchema.safeParse(nest({ ...every, [field.name]: "" })).success, field.name).toBe(true);
      }
    }
  });

  it("shows every saved setting on the edit form, which saves it back unchanged", async () => {
    const every = EVERY_SETTING[kind]();
    expect(Object.keys(every).sort()).toEqual(fields.map((f) => f.name).sort());
    for (const field of fields) expect(every[field.name], `${field.name} differs from its default`).not.toBe(defaultOf(field));

    const row = await save(every);
    const stored: StoredSource = { id: "source-1", name: "A source", kind, ...row, savepoint: row.savepoint ?? null };
    const values = kindModule.formValues(stored);
    // The savepoint is the one value left blank: a blank keeps the stored one.
    const { savepoint, ...rest } = every;
    expect(values).toEqual(rest);
    const { savepoint: saved, ...unchanged } = row;
    expect(saved).toEqual(savepoint === undefined ? undefined : new Date(savepoint));
    expect(await save(posted(values))).toEqual(unchanged);
  });
});

describe("which kind reads a URL given to `dealport import`", () => {
  it("is chosen by scheme; a saved source's name is no URL, whatever kinds read none", () => {
    expect(sourceKindForUrl("s3://drops/in/")).toBe("s3_flatfile");
    expect(sourceKindForUrl("file:///tmp/drop")).toBe("file_folder");
    expect(sourceKindForUrl("Drop")).toBeUndefined();
    expect(sourceKindForUrl("Demo Exact Sales")).toBeUndefined();
    expect(sourceKindForUrl("https://example.com/")).toBeUndefined();
  });
});
