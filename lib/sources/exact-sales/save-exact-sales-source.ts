// Creates an Exact Sales source, or updates one by id. Audited with its settings; the
// token stays in its credential and is only referenced here.
import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { toSourceSummary, type SourceSummary } from "@/lib/sources/list-sources";
import { saveExactSalesSourceSchema, type SaveExactSalesSourceInput } from "./schemas";

export const EXACT_SALES_SOURCE_KIND = "exact_sales";

export async function saveExactSalesSource(input: SaveExactSalesSourceInput, actor: Actor | null): Promise<{ source: SourceSummary; created: boolean }> {
  const data = saveExactSalesSourceSchema.parse(input);
  const db = getDb();
  const credential = await db.credential.findUnique({ where: { id: data.credentialId }, select: { kind: true, name: true } });
  if (!credential) throw new AppError("validation_failed", "Choose an existing credential", { credentialId: "not found" });
  if (credential.kind !== "exact_sales") {
    throw new AppError("validation_failed", `Credential "${credential.name}" is a ${credential.kind} credential; an Exact Sales source needs an Exact Sales token`, {
      credentialId: "must be an Exact Sales token",
    });
  }
  const fields = {
    name: data.name,
    kind: EXACT_SALES_SOURCE_KIND,
    format: null,
    config: data.config,
    credentialId: data.credentialId,
    scheduleMinutes: data.scheduleMinutes,
    ...(data.savepoint ? { savepoint: data.savepoint } : {}),
  };
  try {
    return await db.$transaction(async (tx) => {
      const before = data.id ? await tx.source.findUnique({ where: { id: data.id } }) : null;
      if (data.id && !before) throw new AppError("not_found", `No source with id ${data.id}`);
      if (before && before.kind !== EXACT_SALES_SOURCE_KIND) throw new AppError("conflict", `Source "${before.name}" is a ${before.kind} source, not an Exact Sales one`);
      const row = before ? await tx.source.update({ where: { id: before.id }, data: fields }) : await tx.source.create({ data: fields });
      await recordAuditEvent(
        {
          actor,
          action: before ? "source.update" : "source.create",
          target: { type: "source", id: row.id },
          summary: `${before ? "Updated" : "Added"} Exact Sales source "${data.name}" (${data.config.mode} pull)`,
          details: {
            kind: EXACT_SALES_SOURCE_KIND,
            config: data.config,
            credentialId: data.credentialId,
            scheduleMinutes: data.scheduleMinutes,
            savepoint: row.savepoint?.toISOString() ?? null,
            ...(before
              ? { before: { name: before.name, config: before.config as object, scheduleMinutes: before.scheduleMinutes, savepoint: before.savepoint?.toISOString() ?? null } }
              : {}),
          },
        },
        tx,
      );
      return { source: toSourceSummary(row), created: !before };
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new AppError("conflict", `A source named "${data.name}" already exists`, { name: "already exists" });
    throw error;
  }
}
