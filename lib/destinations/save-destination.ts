import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { credentialKindLabel } from "@/lib/credentials/kinds";
import { credentialKindsOf, parseDestinationOptions } from "./destination-form-values";
import { destinationModule } from "./registry";
import { saveDestinationSchema } from "./schemas";

/** Creates or edits a destination; the options are validated by the kind's own schema. */
export async function saveDestination(input: unknown, actor: Actor | null) {
  const data = saveDestinationSchema.parse(input);
  const adapter = destinationModule(data.kind);
  const options = JSON.parse(JSON.stringify(parseDestinationOptions(adapter, data.options)));
  const db = getDb();
  const credential = await db.credential.findUnique({ where: { id: data.credentialId }, select: { kind: true, name: true } });
  if (!credential) throw new AppError("validation_failed", "Some settings are invalid", { credentialId: "no such credential" });
  const accepted = credentialKindsOf(adapter);
  if (!accepted.includes(credential.kind)) {
    throw new AppError("validation_failed", "Some settings are invalid", {
      credentialId: `"${credential.name}" is a ${credentialKindLabel(credential.kind)}; ${adapter.label} needs: ${accepted.map(credentialKindLabel).join(" or ")}`,
    });
  }
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
