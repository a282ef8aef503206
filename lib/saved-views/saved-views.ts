// Saved views: a named filter + sort (as the table's URL query) + columns, private to
// their owner or shared with the team.
import "server-only";
import { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { canAdminister, type Actor } from "@/lib/auth/permissions";
import { parseDealTableParams, serializeDealTableParams } from "@/lib/deals/deal-table-params";
import { parseAccountTableParams, serializeAccountTableParams } from "@/lib/accounts/account-table-params";
import { TABLE_IDS, tableColumnsSchema, type TableId } from "@/lib/preferences/table-columns";

export const savedViewStateSchema = z.object({
  /** The table's URL query without paging, e.g. "stage=Won&pipeline=New&sort=amount&dir=desc". */
  query: z.string().max(4000),
  columns: tableColumnsSchema.optional(),
});
export type SavedViewState = z.infer<typeof savedViewStateSchema>;

export const saveViewInputSchema = z.object({
  scope: z.enum(TABLE_IDS),
  name: z.string().trim().min(1, "Give the view a name").max(80),
  shared: z.boolean().default(false),
  query: z.string().max(4000).default(""),
  columns: tableColumnsSchema.optional(),
});
export type SaveViewInput = z.input<typeof saveViewInputSchema>;

/** Drops paging (a view is a filter, not a position) and anything the table would not read. */
function normaliseQuery(scope: TableId, query: string): string {
  const params = new URLSearchParams(query);
  if (scope === "deals") {
    const state = parseDealTableParams(params);
    return serializeDealTableParams({ filter: state.filter, sort: state.sort, page: 1, size: state.size }).toString();
  }
  const state = parseAccountTableParams(params);
  return serializeAccountTableParams({ filter: state.filter, sort: state.sort, page: 1, size: state.size }).toString();
}

export type SavedViewSummary = { id: string; scope: TableId; name: string; shared: boolean; mine: boolean; ownerEmail: string; state: SavedViewState };

/** The actor's own views and everyone's shared ones, by name. */
export async function listSavedViews(actor: Actor, scope: TableId, db: Db = getDb()): Promise<SavedViewSummary[]> {
  const rows = await db.savedView.findMany({
    where: { scope, OR: [{ ownerId: actor.id }, { shared: true }] },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    include: { owner: { select: { email: true } } },
  });
  return rows.map((v) => ({
    id: v.id,
    scope,
    name: v.name,
    shared: v.shared,
    mine: v.ownerId === actor.id,
    ownerEmail: v.owner.email,
    state: savedViewStateSchema.catch({ query: "" }).parse(v.state),
  }));
}

/** Saving under a name the actor already uses replaces that view (names are per owner). */
export async function saveView(actor: Actor, input: SaveViewInput, db: Db = getDb()): Promise<SavedViewSummary> {
  const { scope, name, shared, query, columns } = saveViewInputSchema.parse(input);
  const state: SavedViewState = { query: normaliseQuery(scope, query), ...(columns ? { columns } : {}) };
  const view = await db.savedView.upsert({
    where: { ownerId_scope_name: { ownerId: actor.id, scope, name } },
    create: { ownerId: actor.id, scope, name, shared, state },
    update: { shared, state },
  });
  return { id: view.id, scope, name: view.name, shared: view.shared, mine: true, ownerEmail: actor.email, state };
}

/** Owners delete their views; admins may delete shared ones that someone left behind. */
export async function deleteSavedView(actor: Actor, id: string, db: Db = getDb()) {
  const view = await db.savedView.findUnique({ where: { id }, select: { ownerId: true, shared: true } });
  if (!view || (view.ownerId !== actor.id && !view.shared)) throw new AppError("not_found", "No such saved view");
  if (view.ownerId !== actor.id && !canAdminister(actor)) throw new AppError("forbidden", "Only the owner or an admin can delete this view");
  await db.savedView.delete({ where: { id } });
}
