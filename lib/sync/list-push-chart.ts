// The Pushes page's chart: per destination, its last real (not dry) runs oldest first with
// how many deals were sent, failed and left uncertain. One index range per destination
// (destinationId, createdAt); the counts are the run's stored totals.
import "server-only";
import { getDb, type Db } from "@/lib/db/client";

export type PushChartRun = { id: string; createdAt: Date; status: string; sent: number; failed: number; uncertain: number };
export type PushChartDestination = { destination: { id: string; name: string; kind: string }; runs: PushChartRun[] };

export const PUSH_CHART_RUNS = 30;

type Row = { destinationId: string; destinationName: string; destinationKind: string; id: string; createdAt: Date; status: string; counts: Record<string, unknown> | null };

const count = (counts: Record<string, unknown> | null, key: string) => (typeof counts?.[key] === "number" ? (counts[key] as number) : 0);

export async function listPushChart(runsPerDestination = PUSH_CHART_RUNS, db: Db = getDb()): Promise<PushChartDestination[]> {
  const rows = await db.$queryRaw<Row[]>`
    select d.id as "destinationId", d.name as "destinationName", d.kind as "destinationKind", r.*
    from "Destination" d cross join lateral (
      select r.id, r."createdAt", r.status, r.counts from "SyncRun" r
      where r."destinationId" = d.id and not r."dryRun"
      order by r."createdAt" desc limit ${runsPerDestination}
    ) r
    order by d.name, r."createdAt"`;
  const byDestination = new Map<string, PushChartDestination>();
  for (const { destinationId, destinationName, destinationKind, counts, ...run } of rows) {
    const entry = byDestination.get(destinationId) ?? { destination: { id: destinationId, name: destinationName, kind: destinationKind }, runs: [] };
    entry.runs.push({ ...run, sent: count(counts, "sent"), failed: count(counts, "failed"), uncertain: count(counts, "uncertain") });
    byDestination.set(destinationId, entry);
  }
  return [...byDestination.values()];
}
