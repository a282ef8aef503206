// The choices the filter bar offers: distinct stages, pipelines and owners, the sources and
// destinations. Distinct values come from a loose index scan (one index probe per value), so
// this stays in milliseconds at a million deals where SELECT DISTINCT would read them all.
// Values of the deals browse shows (a link group's deal), the condition the partial
// (column, id) indexes are built on.
import "server-only";
import { getDb, Prisma, type Db } from "@/lib/db/client";

const MAX_VALUES = 500;

export type DealFacets = {
  stages: string[];
  pipelines: string[];
  owners: string[];
  sources: { id: string; name: string }[];
  destinations: { id: string; name: string; kind: string }[];
};

async function distinctValues(db: Db, column: "stage" | "pipeline" | "owner"): Promise<string[]> {
  const col = Prisma.raw(`"${column}"`);
  const rows = await db.$queryRaw<{ value: string }[]>`
    with recursive v(value) as (
      (select ${col} from "Deal" where ${col} is not null and "linkedToDealId" is null order by ${col} limit 1)
      union all
      select (select ${col} from "Deal" where ${col} > v.value and "linkedToDealId" is null order by ${col} limit 1) from v where v.value is not null
    )
    select value from v where value is not null limit ${MAX_VALUES}`;
  return rows.map((r) => r.value);
}

export async function listDealFacets(db: Db = getDb()): Promise<DealFacets> {
  const [stages, pipelines, owners, sources, destinations] = await Promise.all([
    distinctValues(db, "stage"),
    distinctValues(db, "pipeline"),
    distinctValues(db, "owner"),
    db.source.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.destination.findMany({ select: { id: true, name: true, kind: true }, orderBy: { name: "asc" } }),
  ]);
  return { stages, pipelines, owners, sources, destinations };
}
