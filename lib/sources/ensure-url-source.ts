// `dealport import s3://bucket/prefix` or `file:///folder` imports without a saved source
// in Settings: deals still need a source (provenance, full-snapshot removal), so the URL
// becomes a source named after itself, created on first use and reused after.
import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { saveSource } from "./save-source";
import type { ImportFormat, SourceParseOptions } from "./schemas";

export interface UrlSourceOptions {
  format: ImportFormat;
  /** S3 only: credential id or name. */
  credential?: string;
  endpoint?: string;
  region?: string;
  parse?: SourceParseOptions;
}

export function isSourceUrl(text: string): boolean {
  return /^(s3|file):\/\//i.test(text);
}

export async function ensureUrlSource(url: string, options: UrlSourceOptions): Promise<string> {
  const parsed = new URL(url);
  const db = getDb();
  const existing = await db.source.findUnique({ where: { name: url }, select: { id: true } });
  const common = { id: existing?.id, name: url, format: options.format, parse: options.parse ?? {} };
  if (parsed.protocol === "file:") {
    const { source } = await saveSource({ ...common, kind: "file_folder", location: { path: url } }, null);
    return source.id;
  }
  if (!options.credential) throw new AppError("bad_request", "An s3:// import needs --credential <id-or-name> (an S3 or GCS HMAC key stored with `dealport credential add`)");
  const credential = await db.credential.findFirst({ where: { OR: [{ id: options.credential }, { name: options.credential }] }, select: { id: true } });
  if (!credential) throw new AppError("not_found", `No credential with id or name "${options.credential}"`);
  const { source } = await saveSource(
    {
      ...common,
      kind: "s3_flatfile",
      credentialId: credential.id,
      location: { bucket: parsed.hostname, prefix: decodeURIComponent(parsed.pathname.replace(/^\//, "")), region: options.region, endpoint: options.endpoint },
    },
    null,
  );
  return source.id;
}
