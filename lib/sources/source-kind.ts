// What one source kind (a folder under lib/sources/) gives the registry: how its settings
// are validated, stored and shown, how a run reads its records, and how "Test connection"
// checks it. Saving, listing, testing, importing and scheduling go through these for
// every kind; nothing outside the kind's folder looks at its `kind` string.
import type { z } from "zod";
import type { ImportReader } from "@/lib/imports/import-reader";
import type { SourceKindForm } from "./source-form";

/** A Source row as the kind sees it (its config is not parsed yet). */
export interface StoredSource {
  id: string;
  name: string;
  kind: string;
  format: string | null;
  config: unknown;
  credentialId: string | null;
  savepoint: Date | null;
}

/** The kind's part of a Source row, from validated settings. */
export interface SourceRowSettings {
  format: string | null;
  config: Record<string, unknown>;
  credentialId: string | null;
  /** Set only when the input names one (blank keeps the stored savepoint). */
  savepoint?: Date;
}

export interface SourceDisplay {
  /** Where it reads from, for lists: s3://bucket/prefix/, file:///folder/, the API's URL. */
  location: string;
  /** More of its settings, as label → value lines. */
  details: { label: string; value: string }[];
}

export interface SourceTestResult {
  ok: boolean;
  message: string;
  location: string | null;
  /** Flat-file kinds: what the prefix or folder holds and whether an import reads it. */
  files: { name: string; size: number | null; etag: string | null; lastModified: string | null; use: "read" | "ignored"; reason?: string }[];
  missing: string[];
}

export interface OpenedReader {
  reader: ImportReader;
  /** Releases what opening took (an S3 client); called once the run has finished. */
  close(): void;
}

/** What `dealport import <url>` gives besides the URL (lib/sources/ensure-url-source.ts). */
export interface UrlSourceOptions {
  format: string;
  parse?: Record<string, unknown>;
  /** The id of the credential named by --credential, if one was. */
  credentialId?: string;
  endpoint?: string;
  region?: string;
}

export interface SourceKindModule<Settings extends object = object> {
  form: SourceKindForm;
  /**
   * What to do about a deal from this kind that has no amount, when the kind's settings can
   * give it one (Exact Sales: a custom field); pushes show it with "The deal has no amount".
   */
  missingAmountHint?: string;
  /** What a form, the CLI or a test posts for this kind besides id, name, kind and schedule. */
  settingsSchema: z.ZodType<Settings>;
  /** Validated settings → the row; may check what needs I/O (a folder inside the import roots). */
  toRow(settings: Settings): Promise<SourceRowSettings>;
  /** Stored row → form values keyed by field name (blank fields left out). */
  formValues(source: StoredSource): Record<string, string>;
  describe(source: StoredSource): SourceDisplay;
  /** The reader of one import run; throws (AppError) when the source cannot be opened. */
  openReader(source: StoredSource): Promise<OpenedReader>;
  /** A failure is a result ({ ok: false }), not an exception. */
  testConnection(source: StoredSource): Promise<SourceTestResult>;
  /** A kind `dealport import <url>` reads without a saved source: its URL scheme and the settings a URL stands for. */
  fromUrl?: { protocol: string; settings(url: URL, options: UrlSourceOptions): Record<string, unknown> };
}
