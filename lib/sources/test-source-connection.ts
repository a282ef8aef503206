// "Test connection" for a saved source of any kind: its module checks it with the saved
// settings (a flat-file kind lists its files and says which an import would read; an API
// kind makes one authenticated request). A failure is a result, not an exception.
import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { findSource } from "./list-sources";
import { sourceKind } from "./registry";
import type { SourceTestResult } from "./source-kind";

export type { SourceTestResult };

export async function testSourceConnection(sourceId: string, actor: Actor | null): Promise<SourceTestResult> {
  const source = await findSource(sourceId);
  const result = await sourceKind(source.kind, source.name).testConnection(source);
  await recordAuditEvent({
    actor,
    action: "source.test",
    target: { type: "source", id: source.id },
    summary: `Tested source "${source.name}": ${result.ok ? "connected" : "failed"}`,
    details: { ok: result.ok, location: result.location, files: result.files.length },
  });
  return result;
}
