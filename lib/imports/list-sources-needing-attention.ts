// Sources whose latest import failed (a credential that can't be opened, settings that no
// longer parse, a refused token…): the Imports page flags them with the reason, so a
// scheduled import failing every interval is seen, not just logged.
import { getDb } from "@/lib/db/client";

export type SourceAttention = { runId: string; error: string; at: Date };

/** Source id → its latest run, for the sources whose latest run failed. */
export async function listSourcesNeedingAttention(): Promise<Map<string, SourceAttention>> {
  const latest = await getDb().$queryRaw<{ sourceId: string; id: string; status: string; error: string | null; startedAt: Date }[]>`
    SELECT DISTINCT ON ("sourceId") "sourceId", id, status, error, "startedAt"
    FROM "ImportRun" ORDER BY "sourceId", "startedAt" DESC`;
  return new Map(
    latest.filter((r) => r.status === "failed").map((r) => [r.sourceId, { runId: r.id, error: r.error ?? "The last import failed", at: r.startedAt }]),
  );
}
