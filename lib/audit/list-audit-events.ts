import { z } from "zod";
import { getDb } from "@/lib/db/client";

export const auditFilterSchema = z.object({
  actor: z.string().trim().max(254).optional(),
  action: z.string().trim().max(100).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditFilter = z.input<typeof auditFilterSchema>;

/** Newest first, filtered by actor e-mail (substring), action prefix and date range (UTC days). */
export async function listAuditEvents(input: AuditFilter) {
  const f = auditFilterSchema.parse(input);
  return getDb().auditEvent.findMany({
    where: {
      ...(f.actor ? { actorEmail: { contains: f.actor.toLowerCase() } } : {}),
      ...(f.action ? { action: { startsWith: f.action } } : {}),
      ...(f.from || f.to
        ? { at: { ...(f.from ? { gte: new Date(`${f.from}T00:00:00Z`) } : {}), ...(f.to ? { lt: new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000) } : {}) } }
        : {}),
    },
    orderBy: { at: "desc" },
    take: f.limit,
  });
}
