import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { credentialKindLabel } from "./kinds";

/**
 * Deletes a credential that no Source or Destination uses; in use → conflict naming
 * the users. The row is locked first, so nothing can start using it mid-delete (the
 * foreign keys are ON DELETE SET NULL, which would otherwise detach them silently).
 */
export async function deleteCredential(id: string, actor: Actor | null): Promise<{ id: string; name: string }> {
  return getDb().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string; kind: string; name: string }[]>`
      select id, kind, name from "Credential" where id = ${id} for update`;
    const row = locked[0];
    if (!row) throw new AppError("not_found", `No credential with id ${id}`);
    const [sources, destinations] = await Promise.all([
      tx.source.findMany({ where: { credentialId: id }, select: { name: true }, orderBy: { name: "asc" } }),
      tx.destination.findMany({ where: { credentialId: id }, select: { name: true }, orderBy: { name: "asc" } }),
    ]);
    if (sources.length || destinations.length) {
      const users = [
        ...sources.map((s) => `source "${s.name}"`),
        ...destinations.map((d) => `destination "${d.name}"`),
      ];
      throw new AppError("conflict", `Credential "${row.name}" is used by ${users.join(", ")}; change those first`, {
        sources: sources.map((s) => s.name),
        destinations: destinations.map((d) => d.name),
      });
    }
    await tx.credential.delete({ where: { id } });
    await recordAuditEvent(
      {
        actor,
        action: "credential.delete",
        target: { type: "credential", id },
        summary: `Deleted credential "${row.name}" (${credentialKindLabel(row.kind)})`,
        details: { kind: row.kind, name: row.name },
      },
      tx,
    );
    return { id, name: row.name };
  });
}
