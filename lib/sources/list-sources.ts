import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { readReviewRules, type ReviewRules } from "@/lib/imports/review-rules";
import { isSourceKind, sourceKind } from "./registry";
import type { SourceDisplay, StoredSource } from "./source-kind";

export interface SourceSummary extends StoredSource, SourceDisplay {
  /** The kind's label ("Exact Sales (CRM pull)"); the kind itself when this version does not know it. */
  kindLabel: string;
  scheduleMinutes: number | null;
  /** When its runs are held for review (the defaults where none were set). */
  reviewRules: ReviewRules;
  /** The review webhook's origin only (its URL may hold a token). */
  reviewWebhook: string | null;
  createdAt: Date;
  updatedAt: Date;
}

type Row = StoredSource & {
  scheduleMinutes: number | null;
  reviewRules?: unknown;
  reviewWebhookUrl?: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export function toSourceSummary(row: Row): SourceSummary {
  const known = isSourceKind(row.kind) ? sourceKind(row.kind) : null;
  const stored: StoredSource = { id: row.id, name: row.name, kind: row.kind, format: row.format, config: row.config, credentialId: row.credentialId, savepoint: row.savepoint };
  return {
    ...stored,
    kindLabel: known?.form.label ?? row.kind,
    ...(known ? known.describe(stored) : { location: `${row.kind} (a kind this version does not know)`, details: [] }),
    scheduleMinutes: row.scheduleMinutes,
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
