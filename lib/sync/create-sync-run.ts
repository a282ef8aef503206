// A push starts here: the selection is resolved to deal ids now (the run's snapshot),
// one SyncItem per deal. A dry run plans every deal with read-only lookups and records
// the payloads it would send, calling no write endpoint; a real run is queued for the worker.
import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/permissions";
import { getDb, Prisma } from "@/lib/db/client";
import { openConnection } from "@/lib/destinations/open-connection";
import { parseRunOptions } from "@/lib/destinations/destination-form-values";
import { findDestination } from "@/lib/destinations/find-destination";
import { AppError } from "@/lib/errors";
import { planDeals } from "./plan-deals";
import { refreshRuns } from "./refresh-runs";
import { requestDigest } from "./request-digest";
import { resolveSelection } from "./resolve-selection";
import { createSyncRunSchema, type CreateSyncRunInput } from "./schemas";

const CHUNK = 1000;

type NewItem = Prisma.SyncItemCreateManyInput;

export async function createSyncRun(input: CreateSyncRunInput, actor: Actor | null) {
  const data = createSyncRunSchema.parse(input);
  const destination = await findDestination(data.destinationId);
  const options = parseRunOptions(destination.kind, data.options);
  const dealIds = await resolveSelection(data.selection);
  if (!dealIds.length) throw new AppError("bad_request", "The selection holds no deals");
  const db = getDb();
  // A dry run plans right here, so a destination that can't be opened (credential, settings)
  // is an error now, not a run left queued with nothing to do.
  const opened = data.dryRun ? await openConnection(destination) : null;

  const run = await db.syncRun.create({
    data: {
      destinationId: destination.id,
      // The selection as asked (bigint amounts as text) plus what it meant at this moment.
      selection: JSON.parse(JSON.stringify({ ...data.selection, dealIds }, (_k, v) => (typeof v === "bigint" ? v.toString() : v))),
      dryRun: data.dryRun,
      status: "queued",
      options,
      startedById: actor?.id ?? null,
      ...(data.dryRun ? { startedAt: new Date() } : {}),
    },
  });

  if (opened) {
    for (let i = 0; i < dealIds.length; i += CHUNK) {
      const planned = await planDeals(opened, dealIds.slice(i, i + CHUNK), options);
      const items: NewItem[] = planned.map(({ deal, result }) =>
        result.ok
          ? {
              runId: run.id,
              dealId: deal.id,
              state: "skipped",
              action: deal.linkedExternalId ? "would_update" : "would_create",
              payload: result.payload as Prisma.InputJsonValue,
              requestDigest: requestDigest(result.payload),
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
    action: data.dryRun ? "sync_run.dry_run" : "sync_run.create",
    target: { type: "sync_run", id: run.id },
    summary: `${data.dryRun ? "Dry run of a push" : "Push"} of ${dealIds.length} deal${dealIds.length === 1 ? "" : "s"} to "${destination.name}"`,
    details: { destinationId: destination.id, deals: dealIds.length, selectionMode: data.selection.mode, options },
  });
  return db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
}
