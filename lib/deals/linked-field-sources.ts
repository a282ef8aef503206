// Settings → Linking: which source a linked deal takes each field from (e.g. the amount from
// Exact Sales, the stage from Jointflows); a field without one takes the most recent value.
import "server-only";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/permissions";
import { getDb, type Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { LINKED_FIELDS, type LinkedFieldPreferences } from "./linked-field-winners";

/** The whole preference set: a field left out (or null) goes back to "most recently updated". */
// "" (a form's "most recently updated") and null both mean no preferred source.
export const linkedFieldSourcesSchema = z.partialRecord(z.enum(LINKED_FIELDS), z.string().trim().max(64).nullable()).transform(
  (prefs): LinkedFieldPreferences => Object.fromEntries(LINKED_FIELDS.flatMap((f) => (prefs[f] ? [[f, prefs[f]]] : []))),
);
export type LinkedFieldSourcesInput = z.input<typeof linkedFieldSourcesSchema>;

export async function loadLinkedFieldPreferences(db: Pick<Db, "linkedFieldSource"> = getDb()): Promise<LinkedFieldPreferences> {
  const rows = await db.linkedFieldSource.findMany({ select: { field: true, sourceId: true } });
  const known = new Set<string>(LINKED_FIELDS);
  return Object.fromEntries(rows.filter((r) => known.has(r.field)).map((r) => [r.field, r.sourceId]));
}

/** Replaces the preferences; every named source must exist. */
export async function saveLinkedFieldSources(input: LinkedFieldSourcesInput, actor: Actor): Promise<LinkedFieldPreferences> {
  const prefs = linkedFieldSourcesSchema.parse(input);
  const db = getDb();
  const sourceIds = [...new Set(Object.values(prefs))];
  const found = await db.source.findMany({ where: { id: { in: sourceIds } }, select: { id: true } });
  const missing = sourceIds.filter((id) => !found.some((s) => s.id === id));
  if (missing.length) throw new AppError("not_found", `No source with id ${missing.join(", ")}`, { sourceIds: missing });
  return db.$transaction(async (tx) => {
    await tx.linkedFieldSource.deleteMany({});
    await tx.linkedFieldSource.createMany({ data: Object.entries(prefs).map(([field, sourceId]) => ({ field, sourceId })) });
    const summary = Object.entries(prefs).map(([f, s]) => `${f} from ${s}`).join(", ");
    await recordAuditEvent(
      { actor, action: "linked_field_sources.save", target: { type: "settings", id: "linked_field_sources" }, summary: `Linked deals take ${summary || "every field from the most recent source"}`, details: prefs },
      tx,
    );
    return prefs;
  });
}
