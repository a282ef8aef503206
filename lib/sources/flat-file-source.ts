// What the flat-file kinds (S3 prefix, folder) share: a format and parse options beside
// their location, a run that streams the store's files through the format's parser, and a
// "Test connection" that lists the files and says which an import would read. Each kind
// adds its location (schema, form fields, display) and how its store opens.
import "server-only";
import { z } from "zod";
import { getBaseCurrency } from "@/lib/currency/get-base-currency";
import { AppError } from "@/lib/errors";
import { planSourceFiles } from "@/lib/imports/plan-source-files";
import { fileSnapshotReader } from "@/lib/imports/read-file-snapshot";
import type { FileStore } from "./file-store";
import { IMPORT_FORMAT_LABELS, IMPORT_FORMATS, importFormatName, sourceParseOptionsSchema, type ImportFormat, type SourceParseOptions } from "./schemas";
import { toFormValues, type SourceFieldGroup, type SourceFormField } from "./source-form";
import type { OpenedReader, SourceKindModule, SourceTestResult, StoredSource } from "./source-kind";
import { TEST_TIMEOUT_MS, testFailureMessage } from "./test-failure-message";

const parseSettingsSchema = sourceParseOptionsSchema.optional().transform((v) => v ?? {});

/** The settings of a flat-file kind: its location schema plus format and parse options (and a credential, for a kind that reads with one). */
export function flatFileSettingsSchema<Location extends z.ZodType<object>>(location: Location, credentialId?: z.ZodType<string>) {
  return z.object({
    format: z.enum(IMPORT_FORMATS, { error: `Format must be one of ${IMPORT_FORMATS.join(", ")}` }),
    parse: parseSettingsSchema,
    ...(credentialId ? { credentialId } : {}),
    location,
  });
}

type FlatFileSettings<Location> = { format: ImportFormat; parse: SourceParseOptions; credentialId?: string; location: Location };

/** What Source.config holds for a flat-file kind. */
export function readFlatFileConfig<Location>(source: StoredSource, location: z.ZodType<Location>): { location: Location; parse: SourceParseOptions } {
  const parsed = z.object({ location, parse: parseSettingsSchema }).safeParse(source.config ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("bad_request", `Source "${source.name}" has invalid settings (${issue.path.join(".")}: ${issue.message}); fix them in Settings → Sources`);
  }
  return parsed.data;
}

const formatField: SourceFormField = {
  type: "select",
  name: "format",
  label: "Format",
  flag: "format",
  defaultValue: "jointflows",
  required: true,
  options: IMPORT_FORMATS.map((f) => ({ value: f, label: IMPORT_FORMAT_LABELS[f] })),
  className: "min-w-96",
};

const readingGroup: SourceFieldGroup = {
  legend: "Reading",
  fields: [
    { type: "select", name: "parse.dateOrder", label: "Ambiguous dates (03/04/2027)", flag: "date-order", options: [{ value: "", label: "Reject them" }, { value: "day-first", label: "Day first (3 April)" }, { value: "month-first", label: "Month first (March 4)" }] },
    { type: "select", name: "parse.encoding", label: "Encoding", flag: "encoding", options: [{ value: "", label: "Detect (BOM, UTF-8, Windows-1252)" }, { value: "utf-8", label: "UTF-8" }, { value: "windows-1252", label: "Windows-1252" }] },
    {
      type: "select",
      name: "parse.delimiter",
      label: "Delimiter",
      flag: "delimiter",
      flagAliases: { tab: "\t" },
      options: [{ value: "", label: "Detect" }, { value: ",", label: "Comma" }, { value: ";", label: "Semicolon" }, { value: "\t", label: "Tab" }, { value: "|", label: "Pipe" }],
    },
    { type: "select", name: "parse.decimalSeparator", label: "Decimal separator", flag: "decimal-separator", options: [{ value: "", label: "Detect" }, { value: ".", label: "Point (1,234.50)" }, { value: ",", label: "Comma (1.234,50)" }] },
    { type: "text", name: "parse.defaultCurrency", label: "Currency when a row has none", placeholder: "base currency", maxLength: 3, className: "w-40" },
    { type: "select", name: "parse.dreamdataDumps", label: "Dreamdata: several dated dumps", flag: "dreamdata-dumps", options: [{ value: "", label: "The newest file is the full snapshot" }, { value: "all", label: "All files together are one snapshot" }] },
  ],
};

/** A flat-file kind's form: its location group between the format and the parse options. */
export function flatFileGroups(location: SourceFieldGroup): SourceFieldGroup[] {
  return [{ legend: "Files", fields: [formatField] }, location, readingGroup];
}

/** The module parts every flat-file kind shares, given how its store opens. */
export function flatFileKind<Location extends object>(options: {
  location: z.ZodType<Location>;
  openStore(source: StoredSource, location: Location): Promise<FileStore>;
  /** Checks on a location before it is saved (a folder inside the import roots). */
  checkLocation?(location: Location): Promise<void>;
  describeLocation(location: Location): string;
}): Omit<SourceKindModule<FlatFileSettings<Location>>, "form" | "settingsSchema"> {
  const open = (source: StoredSource) => {
    const config = readFlatFileConfig(source, options.location);
    return { config, store: options.openStore(source, config.location) };
  };
  return {
    async toRow({ format, parse, credentialId, location }) {
      await options.checkLocation?.(location);
      return { format, credentialId: credentialId ?? null, config: { location, parse } };
    },
    formValues: (source) => toFormValues({ format: source.format, credentialId: source.credentialId, ...(source.config as object) }),
    describe(source) {
      const config = options.location.safeParse((source.config as { location?: unknown } | null)?.location);
      return {
        location: config.success ? options.describeLocation(config.data) : "settings no longer valid: save them again",
        details: [{ label: "Format", value: importFormatName(formatOf(source)) }],
      };
    },
    async openReader(source): Promise<OpenedReader> {
      const { config, store: opening } = open(source);
      const store = await opening;
      const reader = fileSnapshotReader(store, { format: formatOf(source), parse: config.parse, baseCurrency: await getBaseCurrency() });
      return { reader, close: () => store.close() };
    },
    async testConnection(source) {
      let store: FileStore;
      let parse: SourceParseOptions;
      try {
        const opened = open(source);
        parse = opened.config.parse;
        store = await opened.store;
      } catch (error) {
        return failed(error, null);
      }
      try {
        return describeListing(source, store.location, await store.list(AbortSignal.timeout(TEST_TIMEOUT_MS)), parse);
      } catch (error) {
        return failed(error, store.location);
      } finally {
        store.close();
      }
    },
  };
}

const formatOf = (source: StoredSource) => (source.format ?? "jointflows") as ImportFormat;

function describeListing(source: StoredSource, location: string, files: Awaited<ReturnType<FileStore["list"]>>, parse: SourceParseOptions): SourceTestResult {
  const plan = planSourceFiles(formatOf(source), files, parse.dreamdataDumps);
  const read = new Set(plan.read.map((p) => p.file));
  const reasons = new Map(plan.ignored.map(({ file, reason }) => [file, reason]));
  const described = files.map((f) => ({
    name: f.name,
    size: f.size,
    etag: f.etag,
    lastModified: f.lastModified?.toISOString() ?? null,
    use: read.has(f) ? ("read" as const) : ("ignored" as const),
    ...(reasons.has(f) ? { reason: reasons.get(f) } : {}),
  }));
  const message =
    plan.missing.length > 0
      ? `Connected to ${location}, but ${plan.missing.join(" and ")} ${plan.missing.length > 1 ? "are" : "is"} missing`
      : `Connected to ${location}: ${plan.read.length} file${plan.read.length === 1 ? "" : "s"} to import`;
  return { ok: plan.missing.length === 0, message, location, files: described, missing: plan.missing };
}

function failed(error: unknown, location: string | null): SourceTestResult {
  return { ok: false, message: testFailureMessage(error, "Could not list the files"), location, files: [], missing: [] };
}
