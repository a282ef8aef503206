-- The deals a run creates get no DealChange "new" row any more (a quarter of a first import
-- insert statement, plus rebuilding the indexes of DealChange): Deal.firstSeenRunId names them.
-- The index serves the run review, rollbacks and their conflicts. With one value per run it
-- deduplicates (1.4 MB, 0.1 s to build at 200k deals). Older "new" rows stay, readers show a
-- creation once. ImportRun.ratesUsed: the rates the run converted amounts with (the timeline
-- shows the base amount and rate of a creation from it).
-- AlterTable
ALTER TABLE "ImportRun" ADD COLUMN     "ratesUsed" JSONB;

-- CreateIndex
CREATE INDEX "Deal_firstSeenRunId_idx" ON "Deal"("firstSeenRunId");
