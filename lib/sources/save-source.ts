import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { confineToImportRoots } from "./file-folder/import-roots";
import { saveSourceSchema, type SaveSourceInput } from "./schemas";
import { toSourceSummary, type SourceSummary } from "./list-sources";

/**
 * Creates a file source, or updates one by `id`. S3 sources must name an S3 (or GCS HMAC)
 * credential. Audited with the settings, never a secret (the credential is only referenced).
 */
export async function saveSource(input: SaveSourceInput, actor: Actor | null): Promise<{ source: SourceSummary; created: boolean }> {
  const data = saveSourceSchema.parse(input);
  const db = getDb();
  if (data.credentialId) {
    const credential = await db.credential.findUnique({ where: { id: data.credentialId }, select: { kind: true, name: true } });
    if (!credential) throw new AppError("validation_failed", "Choose an existing credential", { credentialId: "not found" });
    if (credential.kind !== "s3" && credential.kind !== "gcs_hmac") {
      throw new AppError("validation_failed", `Credential "${credential.name}" is a ${credential.kind} credential; an S3 source needs an S3 or GCS HMAC key`, {
        credentialId: "must be an S3 or GCS HMAC key",
      });
    }
  }
  if (data.kind === "file_folder") await confineToImportRoots(data.location.path);
  const config = { location: data.location, parse: data.parse };
  const fields = {
    name: data.name,
    kind: data.kind,
    format: data.format,
    config,
    credentialId: data.credentialId,
    scheduleMinutes: data.scheduleMinutes,
  };
  try {
    return await db.$transaction(async (tx) => {
      const before = data.id ? await tx.source.findUnique({ where: { id: data.id } }) : null;
      if (data.id && !before) throw new AppError("not_found", `No source with id ${data.id}`);
      const row = before ? await tx.source.update({ where: { id: before.id }, data: fields }) : await tx.source.create({ data: fields });
      await recordAuditEvent(
        {
          actor,
          action: before ? "source.update" : "source.create",
          target: { type: "source", id: row.id },
          summary: `${before ? "Updated" : "Added"} ${data.format} source "${data.name}"`,
          details: {
            kind: data.kind,
            format: data.format,
            config,
            credentialId: data.credentialId,
            scheduleMinutes: data.scheduleMinutes,
            ...(before ? { before: { name: before.name, format: before.format, config: before.config as object, scheduleMinutes: before.scheduleMinutes } } : {}),
          },
        },
        tx,
      );
      return { source: toSourceSummary(row), created: !before };
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") {
      throw new AppError("conflict", `A source named "${data.name}" already exists`, { name: "already exists" });
    }
    throw error;
  }
}
