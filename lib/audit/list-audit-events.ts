import "server-only";
import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import { getDb } from "@/lib/db/client";

const optionalFilter = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .optional()
    .transform((v) => v || undefined);
const optionalDay = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .pipe(z.iso.date("must be a date written YYYY-MM-DD").optional());

export const AUDIT_PAGE_SIZE_MAX = 500;

export const auditFilterSchema = z.object({
  actor: optionalFilter(254),
  action: optionalFilter(100),
  from: optionalDay,
  to: optionalDay,
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_SIZE_MAX, `limit must be at most ${AUDIT_PAGE_SIZE_MAX}`).default(100),
});
export type AuditFilter = z.input<typeof auditFilterSchema>;

/** The where clause: actor e-mail (substring), action prefix and date range (UTC days, both inclusive). */
export function auditWhere(f: z.output<typeof auditFilterSchema>): Prisma.AuditEventWhereInput {
  return {
    ...(f.actor ? { actorEmail: { contains: f.actor.toLowerCase() } } : {}),
    ...(f.action ? { action: { startsWith: f.action } } : {}),
    ...(f.from || f.to
      ? { at: { ...(f.from ? { gte: new Date(`${f.from}T00:00:00Z`) } : {}), ...(f.to ? { lt: new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000) } : {}) } }
      : {}),
  };
}

/** Newest first, filtered (see auditWhere). */
export async function listAuditEvents(input: AuditFilter) {
  const f = auditFilterSchema.parse(input);
  return getDb().auditEvent.findMany({ where: auditWhere(f), orderBy: { at: "desc" }, take: f.limit });
}

/** The action names recorded so far, for the filter's suggestions. */
export async function listAuditActions(): Promise<string[]> {
  const rows = await getDb().auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" }, take: 500 });
  return rows.map((r) => r.action);
}
