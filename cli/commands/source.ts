import { parseArgs } from "node:util";
import { findCredentialId } from "@/lib/credentials/find-credential";
import { AppError } from "@/lib/errors";
import { nestFields } from "@/lib/input/nest-fields";
import { findSource, listSources, type SourceSummary } from "@/lib/sources/list-sources";
import { sourceFormValues, sourceKindForms } from "@/lib/sources/registry";
import { saveSource } from "@/lib/sources/save-source";
import type { SourceFormField, SourceKindForm } from "@/lib/sources/source-form";
import { testSourceConnection } from "@/lib/sources/test-source-connection";
import type { CliCommand } from "./types";

// Each kind's settings flags come from its form description (lib/sources/registry.ts).
const flagsOf = (form: SourceKindForm) => form.groups.flatMap((g) => g.fields).filter((f): f is SourceFormField & { flag: string } => f.flag !== undefined);
const describeFlag = (f: SourceFormField & { flag: string }) =>
  f.type === "select" ? `[--${f.flag} ${[...f.options.map((o) => o.value).filter(Boolean), ...Object.keys(f.flagAliases ?? {})].join("|")}]` : f.required ? `--${f.flag} ${f.label.toUpperCase().replace(/\W+/g, "_")}` : `[--${f.flag} …]`;

function usage(): string {
  return [
    "usage:",
    "  dealport source add --name N [--kind K] [--schedule MINUTES] [--id ID] <the kind's settings>",
    "      --kind defaults to the first kind whose settings are all among the flags given;",
    "      with --id it is the stored source's, and every setting not given keeps its stored value:",
    ...sourceKindForms().map((form) => `      ${form.kind} (${form.label}): ${flagsOf(form).map(describeFlag).join(" ")}`),
    "  dealport source list",
    "  dealport source test <id-or-name>",
  ].join("\n");
}

const line = (s: SourceSummary) => `${s.name}  ${s.format ?? s.kind}  ${s.location}${s.scheduleMinutes ? `  every ${s.scheduleMinutes} min` : ""}  ${s.id}`;

export const sourceCommand: CliCommand = {
  name: "source",
  usage: "source add|list|test …",
  summary: "manage import sources (S3 prefixes, local folders, Exact Sales pulls)",
  async run(args, out) {
    const [sub, ...rest] = args;
    if (sub === "list") {
      const sources = await listSources();
      out.result(sources.length ? sources.map(line).join("\n") : "No sources yet", { sources });
    } else if (sub === "add") {
      const { source, created } = await saveSource(await sourceInputFrom(rest), null);
      out.result(`${created ? "Added" : "Updated"} ${line(source)}`, { source, created });
    } else if (sub === "test" && rest[0]) {
      const source = await findSource(rest[0]);
      const result = await testSourceConnection(source.id, null);
      const files = result.files.map((f) => `  ${f.use === "read" ? "+" : " "} ${f.name}  ${f.size ?? "?"} bytes  ${f.etag ?? ""}`);
      out.result([`${result.ok ? "OK" : "FAILED"}: ${result.message}`, ...files].join("\n"), result);
      if (!result.ok) throw new AppError("bad_request", result.message);
    } else {
      throw new AppError("bad_request", usage());
    }
  },
};

/**
 * `--bucket b --prefix p` → { location: { bucket: "b", prefix: "p" } }, by the kind's field
 * names. An edit (`--id`) starts from the stored settings, as the edit form does, so a flag
 * not given keeps its value instead of falling back to the default.
 */
async function sourceInputFrom(args: string[]) {
  const forms = sourceKindForms();
  const settingFlags = new Set(forms.flatMap((form) => flagsOf(form).map((f) => f.flag)));
  const { values } = parseArgs({
    args,
    options: Object.fromEntries(["id", "name", "kind", "schedule", ...settingFlags].map((k) => [k, { type: "string" as const }])),
    strict: true,
  });
  const stored = values.id ? await findSource(values.id) : null;
  const given = Object.keys(values).filter((flag) => settingFlags.has(flag));
  const kind = values.kind ?? stored?.kind;
  const form = kind ? forms.find((f) => f.kind === kind) : forms.find((f) => given.every((flag) => flagsOf(f).some((field) => field.flag === flag)));
  if (!form) throw new AppError("bad_request", kind ? `--kind must be one of ${forms.map((f) => f.kind).join(", ")}` : `These flags belong to different kinds of source: ${given.join(", ")}\n${usage()}`);
  const foreign = given.filter((flag) => !flagsOf(form).some((field) => field.flag === flag));
  if (foreign.length) throw new AppError("bad_request", `These flags are not settings of a ${form.kind} source: ${foreign.join(", ")}\n${usage()}`);
  const fields = new Map<string, unknown>(stored?.kind === form.kind ? Object.entries(sourceFormValues(stored)) : []);
  for (const field of flagsOf(form)) {
    let value = values[field.flag];
    if (value === undefined) continue;
    if (field.type === "select") value = field.flagAliases?.[value] ?? value;
    if (field.type === "credential") value = await findCredentialId(value);
    fields.set(field.name, value);
  }
  const common = { id: stored?.id, name: values.name ?? stored?.name, kind: form.kind, scheduleMinutes: values.schedule ?? stored?.scheduleMinutes };
  return nestFields([...Object.entries(common), ...fields]);
}
