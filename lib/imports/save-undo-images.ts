// Before-images for rollback: the whole row of each deal, account or contact as it was
// before a run changed it, written set-based inside the run's transaction. Records a run
// creates need no image (firstSeenRunId names them); the first image a
// run takes of a record wins, so a record touched twice in one run keeps its original state.
import type pg from "pg";

export type UndoKind = "deal" | "account" | "contact";

export const UNDO_TABLES: Record<UndoKind, "Deal" | "Account" | "Contact"> = { deal: "Deal", account: "Account", contact: "Contact" };

/**
 * Saves the current rows whose ids `idsSql` selects. `idsSql` may use $2… for `params`
 * ($1 is the run id).
 */
export async function saveUndoImages(client: pg.Client, runId: string, kind: UndoKind, idsSql: string, params: unknown[] = []): Promise<void> {
  await client.query(
    `insert into "ImportUndo" ("runId", kind, "recordId", before)
     select $1, '${kind}', t.id, to_jsonb(t) from "${UNDO_TABLES[kind]}" t where t.id in (${idsSql})
     on conflict do nothing`,
    [runId, ...params],
  );
}
