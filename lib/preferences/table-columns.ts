// Which columns a user shows in each table, in their order: User.preferences.tables.<table>.columns.
import "server-only";
import { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";

export const TABLE_IDS = ["deals", "accounts"] as const;
export type TableId = (typeof TABLE_IDS)[number];

export const tableColumnsSchema = z.array(z.string().min(1).max(40)).min(1).max(40);

const preferencesSchema = z
  .object({ tables: z.record(z.string(), z.object({ columns: tableColumnsSchema.optional() }).catch({})).catch({}) })
  .catch({ tables: {} });

/** The remembered columns limited to `known` ids (a column removed from the app is skipped); null when none are remembered. */
export async function getTableColumns(userId: string, table: TableId, known: readonly string[], db: Db = getDb()): Promise<string[] | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { preferences: true } });
  const columns = preferencesSchema.parse(user?.preferences ?? {}).tables?.[table]?.columns?.filter((c) => known.includes(c));
  return columns?.length ? columns : null;
}

/**
 * Saves the choice under its own key with jsonb_set, so other preferences written
 * concurrently (other tables, other settings) are never overwritten.
 */
export async function saveTableColumns(userId: string, table: TableId, columns: string[], known: readonly string[], db: Db = getDb()) {
  const valid = tableColumnsSchema.parse([...new Set(columns)].filter((c) => known.includes(c)));
  await db.$executeRaw`
    update "User"
    set preferences = jsonb_set(
      case when jsonb_typeof(preferences->'tables') = 'object' then preferences else jsonb_set(preferences, '{tables}', '{}') end,
      array['tables', ${table}::text],
      jsonb_build_object('columns', ${JSON.stringify(valid)}::jsonb)
    )
    where id = ${userId}`;
  return valid;
}
