// Creates a source of any registered kind, or updates one by `id`: the common fields
// (name, schedule) and the kind's own settings are validated together, so a form shows
// every error at once. Audited with the settings, never a secret (a credential is only
// referenced, and must be of a kind the source's form accepts).
import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { credentialKindLabel } from "@/lib/credentials/kinds";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { toSourceSummary, type SourceSummary } from "./list-sources";
import { SOURCE_KIND_NAMES, sourceKind, type SourceKind } from "./registry";
import { sourceCommonSchema } from "./schemas";
import type { SourceKindModule } from "./source-kind";

/** What a form, the CLI or a test posts: the common fields, the kind, and that kind's settings (validated here). */
export type SaveSourceInput = {
  id?: string;
  name?: string;
  kind?: SourceKind | (string & {});
  scheduleMinutes?: number | string | null;
} & Record<string, unknown>;

const kindSchema = z.object({ kind: z.enum(SOURCE_KIND_NAMES, { error: `Kind must be one of ${SOURCE_KIND_NAMES.join(", ")}` }) });

export async function saveSource(input: unknown, actor: Actor | null): Promise<{ source: SourceSummary; created: boolean }> {
  const { common, kind, kindModule, settings } = parseSaveSource(input);
  const row = await kindModule.toRow(settings);
  const db = getDb();
  if (row.credentialId) await checkCredential(row.credentialId, kindModule);
  const label = kindModule.form.label;
  const fields = { name: common.name, kind, scheduleMinutes: common.scheduleMinutes, ...row, config: row.config as Prisma.InputJsonObject };
  return await db.$transaction(async (tx) => {
    const before = common.id ? await tx.source.findUnique({ where: { id: common.id } }) : null;
    if (common.id && !before) throw new AppError("not_found", `No source with id ${common.id}`);
    const saved = before ? await tx.source.update({ where: { id: before.id }, data: fields }) : await tx.source.create({ data: fields });
    await recordAuditEvent(
      {
        actor,
        action: before ? "source.update" : "source.create",
        target: { type: "source", id: saved.id },
        summary: `${before ? "Updated" : "Added"} ${label} source "${common.name}"`,
        details: {
          kind,
          format: row.format,
          config: fields.config,
          credentialId: row.credentialId,
          scheduleMinutes: common.scheduleMinutes,
          savepoint: saved.savepoint?.toISOString() ?? null,
          ...(before
            ? { before: { name: before.name, kind: before.kind, format: before.format, config: before.config as object, scheduleMinutes: before.scheduleMinutes, savepoint: before.savepoint?.toISOString() ?? null } }
            : {}),
        },
      },
      tx,
    );
    return { source: toSourceSummary(saved), created: !before };
  });
}

/** Common fields, kind and the kind's settings in one pass: every field's error at once. */
function parseSaveSource(input: unknown) {
  const common = sourceCommonSchema.safeParse(input);
  const kind = kindSchema.safeParse(input);
  const kindModule = kind.success ? sourceKind(kind.data.kind) : null;
  const settings = kindModule?.settingsSchema.safeParse(input);
  const issues = [common, kind, settings].flatMap((result) => (result && !result.success ? result.error.issues : []));
  if (issues.length > 0 || !common.success || !kind.success || !kindModule || !settings?.success) throw new z.ZodError(issues);
  return { common: common.data, kind: kind.data.kind, kindModule, settings: settings.data };
}

async function checkCredential(credentialId: string, kindModule: SourceKindModule<object>) {
  const accepted = kindModule.form.groups.flatMap((g) => g.fields).find((f) => f.type === "credential")?.credentialKinds ?? [];
  const credential = await getDb().credential.findUnique({ where: { id: credentialId }, select: { kind: true, name: true } });
  if (!credential) throw new AppError("validation_failed", "Choose an existing credential", { credentialId: "not found" });
  if (!(accepted as readonly string[]).includes(credential.kind)) {
    const needs = accepted.map(credentialKindLabel).join(" or ");
    throw new AppError("validation_failed", `Credential "${credential.name}" is a ${credentialKindLabel(credential.kind)}; this kind of source needs: ${needs}`, {
      credentialId: `must be: ${needs}`,
    });
  }
}
