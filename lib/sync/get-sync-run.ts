// One push run with its items (optionally one state), for the run page, the API and the CLI.
import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { SYNC_ITEM_STATES } from "./schemas";

export const syncRunItemsQuerySchema = z.object({
  state: z.enum(SYNC_ITEM_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export async function getSyncRun(runId: string, query: z.input<typeof syncRunItemsQuerySchema> = {}) {
  const { state, limit } = syncRunItemsQuerySchema.parse(query);
  const db = getDb();
  const run = await db.syncRun.findUnique({ where: { id: runId }, include: { destination: { select: { id: true, name: true, kind: true } } } });
  if (!run) throw new AppError("not_found", `No sync run ${runId}`);
  const items = await db.syncItem.findMany({
    where: { runId, ...(state ? { state } : {}) },
    orderBy: { id: "asc" },
    take: limit,
    select: {
      id: true, state: true, attempt: true, externalId: true, action: true, error: true, requestDigest: true, payload: true, response: true, updatedAt: true,
      deal: { select: { id: true, name: true, externalId: true } },
    },
  });
  const startedBy = run.startedById ? await db.user.findUnique({ where: { id: run.startedById }, select: { email: true } }) : null;
  const { selection, ...rest } = run;
  const dealIds = (selection as { dealIds?: string[] }).dealIds ?? [];
  return { ...rest, selection: { ...(selection as object), dealIds: undefined, deals: dealIds.length }, startedBy: startedBy?.email ?? null, items };
}
