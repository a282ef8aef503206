import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { getDb } from "@/lib/db/client";

export type AuditInput = {
  actor: { id: string; email: string } | null;
  action: string;
  target?: { type: string; id: string };
  summary: string;
  details?: Prisma.InputJsonValue;
};

type Tx = Pick<ReturnType<typeof getDb>, "auditEvent">;

/**
 * Appends one audit event. Pass the transaction client so the event commits (or
 * rolls back) with the change it describes. Summaries never hold secret values.
 */
export async function recordAuditEvent(input: AuditInput, tx: Tx = getDb()) {
  await tx.auditEvent.create({
    data: {
      actorId: input.actor?.id ?? null,
      actorEmail: input.actor?.email ?? null,
      action: input.action,
      targetType: input.target?.type ?? null,
      targetId: input.target?.id ?? null,
      summary: input.summary,
      details: input.details,
    },
  });
}
