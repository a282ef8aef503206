"use server";

// The tables' remembered columns and saved views (components/data-table). Actions that
// components/ call live in app/_actions/, never in a route group: a component must not
// depend on where a page happens to sit.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/app/_lib/action";
import { DEAL_COLUMN_IDS } from "@/lib/deals/deal-columns";
import { ACCOUNT_COLUMN_IDS } from "@/lib/accounts/account-columns";
import { saveTableColumns, TABLE_IDS } from "@/lib/preferences/table-columns";
import { deleteSavedView, saveView, type SaveViewInput } from "@/lib/saved-views/saved-views";

const KNOWN_COLUMNS = { deals: DEAL_COLUMN_IDS, accounts: ACCOUNT_COLUMN_IDS };

export const saveColumnsAction = authorizedAction("signedIn", async (actor, table: string, columns: string[]) => {
  const id = z.enum(TABLE_IDS).parse(table);
  return saveTableColumns(actor.id, id, columns, KNOWN_COLUMNS[id]);
});

export const saveViewAction = authorizedAction("signedIn", async (actor, input: SaveViewInput) => {
  const view = await saveView(actor, input);
  revalidatePath(`/${view.scope}`);
  return view;
});

export const deleteViewAction = authorizedAction("signedIn", async (actor, scope: string, id: string) => {
  await deleteSavedView(actor, z.string().max(64).parse(id));
  revalidatePath(`/${z.enum(TABLE_IDS).parse(scope)}`);
});
