// The push runs page and GET /api/v1/sync-runs: recent runs, newest first, with who started them.
import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db/client";

export const listSyncRunsSchema = z.object({
  destinationId: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export async function listSyncRuns(input: z.input<typeof listSyncRunsSchema> = {}) {
  const { destinationId, limit } = listSyncRunsSchema.parse(input);
  const runs = await getDb().syncRun.findMany({
    where: destinationId ? { destinationId } : {},
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true, status: true, error: true, dryRun: true, counts: true, options: true, createdAt: true, startedAt: true, finishedAt: true, startedById: true,
      destination: { select: { id: true, name: true, kind: true } },
    },
  });
  const users = await getDb().user.findMany({ where: { id: { in: runs.flatMap((r) => (r.startedById ? [r.startedById] : [])) } }, select: { id: true, email: true } });
  const email = new Map(users.map((u) => [u.id, u.email]));
  return runs.map((r) => ({ ...r, startedBy: r.startedById ? (email.get(r.startedById) ?? null) : null }));
}
