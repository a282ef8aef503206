// The source registry: kind → its module (settings form and schema, display, reader, connection
// test). Saving, listing, testing, importing and the scheduler look a source's kind up here
// and nowhere else, so adding a kind is one folder and one line below (docs/adding-a-source.md).
import "server-only";
import { AppError } from "@/lib/errors";
import { exactSalesSource } from "./exact-sales/exact-sales-source";
import { fileFolderSource } from "./file-folder/file-folder-source";
import { s3FlatfileSource } from "./s3-flatfile/s3-flatfile-source";
import type { SourceKindForm } from "./source-form";
import type { SourceKindModule, StoredSource } from "./source-kind";

// The order is the form's: the first kind is the one a new source starts as.
const SOURCE_KINDS = {
  s3_flatfile: s3FlatfileSource,
  file_folder: fileFolderSource,
  exact_sales: exactSalesSource,
} satisfies Record<string, SourceKindModule<object>>;

export type SourceKind = keyof typeof SOURCE_KINDS;

export const SOURCE_KIND_NAMES = Object.keys(SOURCE_KINDS) as SourceKind[];

export function isSourceKind(kind: string): kind is SourceKind {
  return Object.hasOwn(SOURCE_KINDS, kind);
}

/** The module of a stored source's kind; a kind this version does not know cannot be read. */
export function sourceKind(kind: string, sourceName?: string): SourceKindModule<object> {
  if (!isSourceKind(kind)) {
    throw new AppError("misconfigured", `${sourceName ? `Source "${sourceName}" is` : "This is"} a ${kind} source, a kind this version of Dealport does not know`);
  }
  return SOURCE_KINDS[kind] as SourceKindModule<object>;
}

/** The kind `dealport import <url>` reads a URL with (s3://, file://), if any. */
export function sourceKindForUrl(url: string): SourceKind | undefined {
  const protocol = URL.parse(url)?.protocol.toLowerCase();
  if (!protocol) return undefined; // a saved source's name, not a URL
  return SOURCE_KIND_NAMES.find((kind) => (SOURCE_KINDS[kind] as SourceKindModule<object>).fromUrl?.protocol === protocol);
}

/** What a deal of this source kind without an amount can do about it (null: nothing the source's settings offer). */
export function missingAmountHint(kind: string): string | null {
  return isSourceKind(kind) ? (sourceKind(kind).missingAmountHint ?? null) : null;
}

/** Every kind's form, in the registry's order (Settings → Sources, `dealport source add`). */
export function sourceKindForms(): SourceKindForm[] {
  return Object.values(SOURCE_KINDS).map((module) => module.form);
}

/** A saved source's settings as its edit form's values (none for a kind this version does not know). */
export function sourceFormValues(source: StoredSource): Record<string, string> {
  return isSourceKind(source.kind) ? sourceKind(source.kind).formValues(source) : {};
}
