import "server-only";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { AppError, fieldErrors } from "@/lib/errors";
import { destinationModule } from "./registry";
import { saveDestinationSchema, type SaveDestinationInput } from "./schemas";

/** Creates or edits a destination; the options are validated by the kind's own schema. */
export async function saveDestination(input: SaveDestinationInput, actor: Actor | null) {
  const data = saveDestinationSchema.parse(input);
  const adapter = destinationModule(data.kind);
  const parsed = adapter.configSchema.safeParse(data.options);
  if (!parsed.success) {
    const errors = Object.fromEntries(Object.entries(fieldErrors(parsed.error)).map(([k, v]) => [`options.${k}`, v]));
    // Mapping textareas have no error slot of their own, so the message names the field too.
    throw new AppError("validation_failed", `Some settings are invalid: ${Object.entries(errors).map(([k, v]) => `${k.replace("options.", "")}: ${v}`).join("; ")}`, errors);
  }
  const db = getDb();
  const credential = await db.credential.findUnique({ where: { id: data.credentialId }, select: { kind: true, name: true } });
  if (!credential) throw new AppError("validation_failed", "Some settings are invalid", { credentialId: "no such credential" });
  const accepted: readonly string[] = typeof adapter.credentialKind === "string" ? [adapter.credentialKind] : adapter.credentialKind;
  if (!accepted.includes(credential.kind)) {
    throw new AppError("validation_failed", "Some settings are invalid", {
      credentialId: `"${credential.name}" is a ${credential.kind} credential; ${adapter.label} needs ${accepted.join(" or ")}`,
    });
  }
  const options = JSON.parse(JSON.stringify(parsed.data));
  return db.$transaction(async (tx) => {
    const clash = await tx.destination.findUnique({ where: { name: data.name }, select: { id: true } });
    if (clash && clash.id !== data.id) throw new AppError("conflict", `A destination named "${data.name}" exists`, { name: "already used" });
    const saved = data.id
      ? await tx.destination.update({ where: { id: data.id }, data: { name: data.name, kind: data.kind, credentialId: data.credentialId, options } })
      : await tx.destination.create({ data: { name: data.name, kind: data.kind, credentialId: data.credentialId, options } });
    await recordAuditEvent(
      {
        actor,
        action: data.id ? "destination.update" : "destination.create",
        target: { type: "destination", id: saved.id },
        summary: `${data.id ? "Updated" : "Added"} ${adapter.label} destination "${saved.name}" (credential "${credential.name}")`,
        details: { kind: data.kind, options },
      },
      tx,
    );
    return saved;
  });
}

export const destinationRefSchema = z.string().trim().min(1).max(100);

/** A destination by id or name. */
export async function findDestination(idOrName: string) {
  const ref = destinationRefSchema.parse(idOrName);
  const found = await getDb().destination.findFirst({ where: { OR: [{ id: ref }, { name: ref }] } });
  if (!found) throw new AppError("not_found", `No destination "${ref}"`);
  return found;
}

export async function listDestinations() {
  return getDb().destination.findMany({
    orderBy: { name: "asc" },
    include: { credential: { select: { id: true, name: true, kind: true, last4: true } } },
  });
}
