import "server-only";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { refreshRuns } from "./refresh-runs";

export const resolveUncertainSchema = z.object({
  itemId: z.coerce.bigint(),
  /** sent: it is at the destination (give its id); failed: it is not. */
  outcome: z.enum(["sent", "failed"]),
  externalId: z.string().trim().max(200).optional(),
});

/** A person decides what an uncertain item is; "sent" with an id also links the deal, so the next push updates that record. */
export async function resolveUncertainItem(input: z.input<typeof resolveUncertainSchema>, actor: Actor | null) {
  const data = resolveUncertainSchema.parse(input);
  const db = getDb();
  const item = await db.syncItem.findUnique({ where: { id: data.itemId }, include: { run: { select: { id: true, destinationId: true } } } });
  if (!item || item.state !== "uncertain") throw new AppError("not_found", "No uncertain item with that id");
  if (data.outcome === "sent" && !data.externalId) throw new AppError("validation_failed", "Some fields are invalid", { externalId: "the record's id at the destination is required" });
  await db.$transaction(async (tx) => {
    await tx.syncItem.update({
      where: { id: item.id },
      data: data.outcome === "sent" ? { state: "sent", action: "resolved", externalId: data.externalId, error: null } : { state: "failed", error: `Marked not sent by ${actor?.email ?? "an operator"}` },
    });
    if (data.outcome === "sent") {
      await tx.link.upsert({
        where: { dealId_destinationId: { dealId: item.dealId, destinationId: item.run.destinationId } },
        create: { dealId: item.dealId, destinationId: item.run.destinationId, externalId: data.externalId! },
        update: { externalId: data.externalId!, pushedAt: new Date() },
      });
    }
  });
  await refreshRuns([item.runId]);
  await recordAuditEvent({ actor, action: "sync_run.resolve_item", target: { type: "sync_run", id: item.runId }, summary: `Resolved uncertain item ${item.id} as ${data.outcome}${data.externalId ? ` (${data.externalId})` : ""}` });
  return { state: data.outcome };
}
