// "Test connection" for a file source: list the prefix or folder with the saved settings
// and say which files an import would read. A failure is a result, not an exception.
import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import { planSourceFiles } from "@/lib/imports/plan-source-files";
import { findSource } from "./list-sources";
import { openFileStore } from "./open-file-store";
import type { ImportFormat } from "./schemas";

export interface SourceTestResult {
  ok: boolean;
  message: string;
  location: string | null;
  files: { name: string; size: number | null; etag: string | null; lastModified: string | null; use: "read" | "ignored"; reason?: string }[];
  missing: string[];
}

export async function testSourceConnection(sourceId: string, actor: Actor | null): Promise<SourceTestResult> {
  const source = await findSource(sourceId);
  const result = await listSourceFiles(source);
  await recordAuditEvent({
    actor,
    action: "source.test",
    target: { type: "source", id: source.id },
    summary: `Tested source "${source.name}": ${result.ok ? "connected" : "failed"}`,
    details: { ok: result.ok, location: result.location, files: result.files.length },
  });
  return result;
}

async function listSourceFiles(source: Awaited<ReturnType<typeof findSource>>): Promise<SourceTestResult> {
  let store;
  try {
    store = await openFileStore({ ...source, config: source.fileConfig });
  } catch (error) {
    return { ok: false, message: messageOf(error), location: null, files: [], missing: [] };
  }
  try {
    const files = await store.list(AbortSignal.timeout(15_000));
    const plan = planSourceFiles((source.format ?? "jointflows") as ImportFormat, files, source.fileConfig?.parse.dreamdataDumps);
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
        ? `Connected to ${store.location}, but ${plan.missing.join(" and ")} ${plan.missing.length > 1 ? "are" : "is"} missing`
        : `Connected to ${store.location}: ${plan.read.length} file${plan.read.length === 1 ? "" : "s"} to import`;
    return { ok: plan.missing.length === 0, message, location: store.location, files: described, missing: plan.missing };
  } catch (error) {
    return { ok: false, message: messageOf(error), location: store.location, files: [], missing: [] };
  } finally {
    store.close();
  }
}

function messageOf(error: unknown): string {
  if (error instanceof AppError) return error.message;
  if ((error as Error)?.name === "TimeoutError" || (error as Error)?.name === "AbortError") return "No answer within 15 seconds";
  return `Could not list the files: ${error instanceof Error ? error.message : String(error)}`;
}
