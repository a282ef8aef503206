import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { readReviewRules, type ReviewRules } from "@/lib/imports/review-rules";
import { fileSourceConfigSchema, type FileSourceConfig } from "./schemas";

export interface SourceSummary {
  id: string;
  name: string;
  kind: string;
  format: string | null;
  credentialId: string | null;
  scheduleMinutes: number | null;
  /** Parsed config for file sources; null for other kinds (their modules own their config). */
  fileConfig: FileSourceConfig | null;
  /** When its runs are held for review (the defaults where none were set). */
  reviewRules: ReviewRules;
  /** The review webhook's origin only (its URL may hold a token). */
  reviewWebhook: string | null;
  createdAt: Date;
  updatedAt: Date;
}

type Row = {
  id: string;
  name: string;
  kind: string;
  format: string | null;
  config: unknown;
  credentialId: string | null;
  scheduleMinutes: number | null;
  reviewRules?: unknown;
  reviewWebhookUrl?: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export function toSourceSummary(row: Row): SourceSummary {
  const parsed = row.kind === "s3_flatfile" || row.kind === "file_folder" ? fileSourceConfigSchema.safeParse(row.config) : null;
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    format: row.format,
    credentialId: row.credentialId,
    scheduleMinutes: row.scheduleMinutes,
    fileConfig: parsed?.success ? parsed.data : null,
    reviewRules: readReviewRules(row.reviewRules),
    reviewWebhook: describeWebhook(row.reviewWebhookUrl ?? null),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** "https://hooks.example.com/…": enough to recognise a webhook without revealing its token. */
export function describeWebhook(url: string | null): string | null {
  if (!url) return null;
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return "(invalid URL)";
  }
}

export async function listSources(): Promise<SourceSummary[]> {
  const rows = await getDb().source.findMany({ orderBy: { name: "asc" } });
  return rows.map(toSourceSummary);
}

/** A source by id or name (the CLI accepts either). */
export async function findSource(idOrName: string): Promise<SourceSummary> {
  const row = await getDb().source.findFirst({ where: { OR: [{ id: idOrName }, { name: idOrName }] } });
  if (!row) throw new AppError("not_found", `No source with id or name "${idOrName}"`);
  return toSourceSummary(row);
}

/** Where a file source reads from, for lists: s3://bucket/prefix/ or the folder. */
export function describeLocation(source: SourceSummary): string {
  const location = source.fileConfig?.location;
  if (!location) return source.kind;
  return "bucket" in location ? `s3://${location.bucket}/${location.prefix ?? ""}` : `file://${location.path}`;
}
