// Source settings shared by Settings → Sources, the CLI and the importer: what every source
// has (name, schedule) and the pieces of the flat-file kinds (location, format, parse
// options). Each kind's own settings schema is in its folder, listed in ./registry.ts.
import { z } from "zod";
import { parseOptionsSchema } from "@/lib/imports/parse/options";

export const IMPORT_FORMATS = ["jointflows", "dreamdata"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** A format's name where a source is shown; the form's choice (IMPORT_FORMAT_LABELS) adds its files. */
export const IMPORT_FORMAT_NAMES: Record<ImportFormat, string> = {
  jointflows: "Jointflows flat files",
  dreamdata: "Dreamdata stage objects",
};

export const IMPORT_FORMAT_LABELS: Record<ImportFormat, string> = {
  jointflows: `${IMPORT_FORMAT_NAMES.jointflows} (deals.csv, accounts.csv, contacts.csv)`,
  dreamdata: `${IMPORT_FORMAT_NAMES.dreamdata} (.ndjson.gz, .ndjson or .csv)`,
};

/** "Dreamdata stage objects" for "dreamdata"; a format this version does not know as stored. */
export const importFormatName = (format: string) => IMPORT_FORMAT_NAMES[format as ImportFormat] ?? format;

/** Form fields send "" for "not given". */
export const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const s3LocationSchema = z.object({
  bucket: z
    .string({ error: "Bucket is required" })
    .trim()
    .min(3, "Bucket must be 3–63 characters")
    .max(63, "Bucket must be 3–63 characters")
    .regex(/^[a-z0-9][a-z0-9.-]+[a-z0-9]$/, "Bucket names use lowercase letters, digits, dots and hyphens"),
  /** Key prefix of the drop, e.g. "jointflows/"; a trailing slash is added. */
  prefix: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(1024, "Prefix must be at most 1024 characters")
      .transform((p) => p.replace(/^\/+/, "").replace(/\/*$/, "/"))
      .optional(),
  ),
  region: z.preprocess(blankToUndefined, z.string().trim().regex(/^[a-z0-9-]+$/, "Region looks like us-east-1").default("us-east-1")),
  /** Unset: AWS. Set for S3-compatible stores (GCS interoperability, MinIO, the sandbox). */
  endpoint: z.preprocess(blankToUndefined, z.string().trim().max(2048, "Endpoint must be at most 2048 characters").optional()),
  /** Path-style addressing (bucket in the path); default on whenever an endpoint is set. */
  forcePathStyle: z.preprocess(
    (v) => (v === "on" || v === "true" ? true : v === "false" ? false : v === "" ? undefined : v),
    z.boolean({ error: "Addressing must be path-style (true) or virtual-hosted (false)" }).optional(),
  ),
});
export type S3Location = z.output<typeof s3LocationSchema>;

export const folderLocationSchema = z.object({
  /** Absolute path, or a file:// URL. */
  path: z
    .string({ error: "Folder is required" })
    .trim()
    .min(1, "Folder is required")
    .transform((p) => (p.startsWith("file://") ? decodeURIComponent(new URL(p).pathname) : p))
    .refine((p) => p.startsWith("/"), "Folder must be an absolute path or a file:// URL"),
});
export type FolderLocation = z.output<typeof folderLocationSchema>;

/** Parse options as a form posts them: empty means "not set" (a tab is a delimiter, not a blank). */
export const sourceParseOptionsSchema = z.preprocess(
  (value) =>
    value && typeof value === "object" ? Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== "" && v !== undefined)) : value,
  parseOptionsSchema.pick({ encoding: true, delimiter: true, dateOrder: true, decimalSeparator: true, defaultCurrency: true, dreamdataDumps: true }),
);
export type SourceParseOptions = z.output<typeof sourceParseOptionsSchema>;

export const scheduleMinutesSchema = z.preprocess(
  (v) => (blankToUndefined(v) === undefined ? null : typeof v === "string" ? Number(v) : v),
  z
    .number({ error: "Schedule must be a number of minutes" })
    .int("Schedule must be whole minutes")
    .min(5, "Schedule must be at least every 5 minutes")
    .max(60 * 24 * 7, "Schedule must be at most once a week (10080 minutes)")
    .nullable(),
);

/** What every source has besides its kind's settings (lib/sources/registry.ts). */
export const sourceCommonSchema = z.object({
  id: z.preprocess(blankToUndefined, z.string().trim().min(1).optional()),
  name: z.string({ error: "Name is required" }).trim().min(1, "Name is required").max(100, "Name must be at most 100 characters"),
  scheduleMinutes: scheduleMinutesSchema.optional().transform((v) => v ?? null),
});

export const sourceIdSchema = z.string({ error: "Source id is required" }).trim().min(1, "Source id is required");
