// The Imports page's chart: per source, its last runs oldest first with what each did to
// deals (new / changed / removed / rejected), and whether it was held, rolled back or is a
// rollback, so a drop that is off stands out. One index range per source (sourceId, startedAt).
import "server-only";
import { getDb, type Db } from "@/lib/db/client";

export type ImportChartRun = {
  id: string;
  number: number;
  startedAt: Date;
  status: string;
  new: number;
  changed: number;
  removed: number;
  rejected: number;
  /** Tripped a review rule (waiting, approved, discarded or expired). */
  held: boolean;
  rolledBack: boolean;
  rollbackOfNumber: number | null;
};

export type ImportChartSource = { source: { id: string; name: string }; runs: ImportChartRun[] };

export const IMPORT_CHART_RUNS = 20;

// Runs that got as far as a diff; failed and cancelled runs changed nothing.
const CHARTED_STATUSES = ["succeeded", "unchanged", "held", "discarded", "expired"];

type Row = Omit<ImportChartRun, "new" | "changed" | "removed" | "rejected"> & { sourceId: string; sourceName: string; counts: Record<string, unknown> | null };

const count = (counts: Record<string, unknown> | null, key: string) => (typeof counts?.[key] === "number" ? (counts[key] as number) : 0);

export async function listImportChart(runsPerSource = IMPORT_CHART_RUNS, db: Db = getDb()): Promise<ImportChartSource[]> {
  const rows = await db.$queryRaw<Row[]>`
    select s.id as "sourceId", s.name as "sourceName", r.*
    from "Source" s cross join lateral (
      select r.id, r.number, r."startedAt", r.status, r.counts, r."holdReasons" is not null as held,
        r."rolledBackByRunId" is not null as "rolledBack", o.number as "rollbackOfNumber"
      from "ImportRun" r left join "ImportRun" o on o.id = r."rollbackOfRunId"
      where r."sourceId" = s.id and r.status = any(${CHARTED_STATUSES})
      order by r."startedAt" desc limit ${runsPerSource}
    ) r
    order by s.name, r."startedAt"`;
  const bySource = new Map<string, ImportChartSource>();
  for (const { sourceId, sourceName, counts, ...run } of rows) {
    const entry = bySource.get(sourceId) ?? { source: { id: sourceId, name: sourceName }, runs: [] };
    entry.runs.push({ ...run, new: count(counts, "new"), changed: count(counts, "changed"), removed: count(counts, "removed"), rejected: count(counts, "rejected") });
    bySource.set(sourceId, entry);
  }
  return [...bySource.values()];
}
