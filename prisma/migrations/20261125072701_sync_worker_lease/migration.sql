-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN     "options" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "startedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SyncItem" ADD COLUMN     "action" TEXT,
ADD COLUMN     "claimedBy" TEXT,
ADD COLUMN     "leaseUntil" TIMESTAMP(3),
ADD COLUMN     "response" JSONB;

-- CreateIndex
CREATE INDEX "SyncItem_runId_state_idx" ON "SyncItem"("runId", "state");
