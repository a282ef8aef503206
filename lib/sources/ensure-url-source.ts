// `dealport import s3://bucket/prefix` or `file:///folder` imports without a saved source
// in Settings: deals still need a source (provenance, full-snapshot removal), so the URL
// becomes a source named after itself, created on first use and reused after. Which kind
// reads which URL scheme is the kind's `fromUrl` (lib/sources/registry.ts).
import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { sourceKind, sourceKindForUrl } from "./registry";
import { saveSource } from "./save-source";
import type { ImportFormat, SourceParseOptions } from "./schemas";

export interface UrlSourceOptions {
  format: ImportFormat;
  /** Credential id or name, for a kind that reads with one (S3). */
  credential?: string;
  endpoint?: string;
  region?: string;
  parse?: SourceParseOptions;
}

export function isSourceUrl(text: string): boolean {
  return sourceKindForUrl(text) !== undefined;
}

export async function ensureUrlSource(url: string, options: UrlSourceOptions): Promise<string> {
  const kind = sourceKindForUrl(url);
  if (!kind) throw new AppError("bad_request", `${url} is not a URL an import can read`);
  const db = getDb();
  const existing = await db.source.findUnique({ where: { name: url }, select: { id: true } });
  let credentialId: string | undefined;
  if (options.credential) {
    const credential = await db.credential.findFirst({ where: { OR: [{ id: options.credential }, { name: options.credential }] }, select: { id: true } });
    if (!credential) throw new AppError("not_found", `No credential with id or name "${options.credential}"`);
    credentialId = credential.id;
  }
  const settings = sourceKind(kind).fromUrl!.settings(new URL(url), { ...options, parse: options.parse ?? {}, credentialId });
  const { source } = await saveSource({ id: existing?.id, name: url, kind, ...settings }, null);
  return source.id;
}
