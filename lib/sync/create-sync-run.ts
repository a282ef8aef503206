// A push starts here: the selection is resolved to deal ids now (the run's snapshot) — or
// taken from a kept preview, exactly what it showed — one SyncItem per deal. A dry run plans
// every deal with read-only lookups and records the payloads it would send, calling no write
// endpoint; a real run is queued for the worker.
import "server-only";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/permissions";
import { getDb, Prisma } from "@/lib/db/client";
import { openConnection } from "@/lib/destinations/open-connection";
import type { DealSelection } from "@/lib/deals/deal-filter";
import { parseRunOptions } from "@/lib/destinations/destination-form-values";
import { findDestination } from "@/lib/destinations/find-destination";
import { AppError } from "@/lib/errors";
import { planDeals, pushedMoney } from "./plan-deals";
import { getPushPreview, previewDealIds, previewIdSchema } from "./read-push-preview";
import { refreshRuns } from "./refresh-runs";
import { requestDigest } from "./request-digest";
import { resolveSelection } from "./resolve-selection";
import { createSyncRunSchema } from "./schemas";

const CHUNK = 1000;

type NewItem = Prisma.SyncItemCreateManyInput;

export async function createSyncRun(input: unknown, actor: Actor | null) {
  const data = createSyncRunSchema.parse(input);
  const destination = await findDestination(data.destinationId);
  const options = parseRunOptions(destination.kind, data.options);
  const dealIds = await resolveSelection(data.selection);
  return queueSyncRun({ destination, dealIds, selection: data.selection, options, dryRun: data.dryRun }, actor);
}

export const createSyncRunFromPreviewSchema = z.object({
  previewId: previewIdSchema,
  dryRun: z.boolean().default(false),
  /** Only the deals the preview found ready; otherwise every deal not excluded. */
  readyOnly: z.boolean().default(true),
});

/** A push of exactly what a kept preview shows (exclusions applied), with its destination and options. */
export async function createSyncRunFromPreview(input: z.input<typeof createSyncRunFromPreviewSchema>, actor: Actor | null) {
  const data = createSyncRunFromPreviewSchema.parse(input);
  const preview = await getPushPreview(data.previewId);
  const destination = await findDestination(preview.destination.id);
  const dealIds = await previewDealIds(preview.id, data.readyOnly);
  return queueSyncRun({ destination, dealIds, selection: preview.selection, options: preview.options, dryRun: data.dryRun, previewId: preview.id }, actor);
}

async function queueSyncRun(
  input: { destination: { id: string; name: string; kind: string; credentialId: string | null; options: unknown }; dealIds: string[]; selection: DealSelection; options: Record<string, string>; dryRun: boolean; previewId?: string },
  actor: Actor | null,
) {
  const { destination, dealIds, options } = input;
  if (!dealIds.length) throw new AppError("bad_request", input.previewId ? "Nothing in this preview is left to push" : "The selection holds no deals");
  const db = getDb();
  // A dry run plans right here, so a destination that can't be opened (credential, settings)
  // is an error now, not a run left queued with nothing to do.
  const opened = input.dryRun ? await openConnection(destination) : null;

  const run = await db.syncRun.create({
    data: {
      destinationId: destination.id,
      // The selection as asked (bigint amounts as text) plus what it meant at this moment.
      selection: JSON.parse(
        JSON.stringify({ ...input.selection, ...(input.previewId ? { previewId: input.previewId } : {}), dealIds }, (_k, v) => (typeof v === "bigint" ? v.toString() : v)),
      ),
      dryRun: input.dryRun,
      status: "queued",
      options,
      startedById: actor?.id ?? null,
      ...(input.dryRun ? { startedAt: new Date() } : {}),
    },
  });

  if (opened) {
    for (let i = 0; i < dealIds.length; i += CHUNK) {
      const planned = await planDeals(opened, dealIds.slice(i, i + CHUNK), options);
      const items: NewItem[] = planned.map(({ deal, baseCurrency, result }) =>
        result.ok
          ? {
              runId: run.id,
              dealId: deal.id,
              state: "skipped",
              action: deal.linkedExternalId ? "would_update" : "would_create",
              payload: result.payload as Prisma.InputJsonValue,
              requestDigest: requestDigest(result.payload),
              ...pushedMoney(deal, baseCurrency),
            }
          : { runId: run.id, dealId: deal.id, state: "failed", error: result.problems.join("; ") },
      );
      await db.syncItem.createMany({ data: items });
    }
  } else {
    for (let i = 0; i < dealIds.length; i += CHUNK) {
      await db.syncItem.createMany({ data: dealIds.slice(i, i + CHUNK).map((dealId) => ({ runId: run.id, dealId })) });
    }
  }
  await refreshRuns([run.id]);
  await recordAuditEvent({
    actor,
    action: input.dryRun ? "sync_run.dry_run" : "sync_run.create",
    target: { type: "sync_run", id: run.id },
    summary: `${input.dryRun ? "Dry run of a push" : "Push"} of ${dealIds.length} deal${dealIds.length === 1 ? "" : "s"} to "${destination.name}"${input.previewId ? " from a preview" : ""}`,
    details: { destinationId: destination.id, deals: dealIds.length, selectionMode: input.selection.mode, options, ...(input.previewId ? { previewId: input.previewId } : {}) },
  });
  return db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
}
