-- A deal shows the status stored on it (new, changed, removed) while the run that wrote it
-- (lastSeenRunId) is its source latestDealRunId, and unchanged otherwise. Imports then write
-- only the deals they change: a re-import after a first import no longer rewrites every deal
-- to say unchanged (bench:import, 1%-changed re-import).
ALTER TABLE "Source" ADD COLUMN "latestDealRunId" TEXT;

-- Statuses stay as they were shown: the latest run of a source is the newest run that wrote
-- one of its deals, and a deal still showing new or changed from an older run (left out of a
-- partial pull, its row rejected, put back by a rollback) is dated to that run.
UPDATE "Source" s SET "latestDealRunId" = x."runId"
FROM (
  SELECT DISTINCT ON (d."sourceId") d."sourceId", r.id AS "runId"
  FROM "Deal" d JOIN "ImportRun" r ON r.id = d."lastSeenRunId"
  ORDER BY d."sourceId", r."startedAt" DESC, r.number DESC
) x
WHERE x."sourceId" = s.id;

UPDATE "Deal" d SET "lastSeenRunId" = s."latestDealRunId"
FROM "Source" s
WHERE d."sourceId" = s.id AND d."removedAt" IS NULL AND d."lastImportStatus" IN ('new', 'changed')
  AND d."lastSeenRunId" IS DISTINCT FROM s."latestDealRunId";

-- The status filters: the latest runs, then the status, on the browse predicate (see
-- 20261201021000_deal_browse_partial_indexes).
DROP INDEX "Deal_lastImportStatus_idx";
CREATE INDEX "Deal_lastSeenRunId_lastImportStatus_idx" ON "Deal"("lastSeenRunId", "lastImportStatus") WHERE "linkedToDealId" IS NULL AND "removedAt" IS NULL;
