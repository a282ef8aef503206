-- AlterTable
ALTER TABLE "Source" ADD COLUMN     "reviewRules" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "reviewWebhookUrl" TEXT;

-- AlterTable
ALTER TABLE "ImportRun" ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "heldAt" TIMESTAMP(3),
ADD COLUMN     "holdReasons" JSONB,
ADD COLUMN     "number" SERIAL NOT NULL,
ADD COLUMN     "rollbackOfRunId" TEXT,
ADD COLUMN     "rolledBackByRunId" TEXT,
ADD COLUMN     "stagedBytes" BIGINT;

-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "firstSeenRunId" TEXT;

-- CreateTable
CREATE TABLE "ImportRunEvent" (
    "id" BIGSERIAL NOT NULL,
    "runId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "actorId" TEXT,
    "actorEmail" TEXT,
    "comment" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImportRunEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StagedImportRow" (
    "runId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "data" JSONB NOT NULL,

    CONSTRAINT "StagedImportRow_pkey" PRIMARY KEY ("runId","kind","seq")
);

-- CreateTable
CREATE TABLE "ImportUndo" (
    "runId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "before" JSONB,

    CONSTRAINT "ImportUndo_pkey" PRIMARY KEY ("runId","kind","recordId")
);

-- CreateIndex
CREATE INDEX "ImportRunEvent_runId_at_idx" ON "ImportRunEvent"("runId", "at");

-- CreateIndex
CREATE INDEX "ImportRunEvent_kind_at_idx" ON "ImportRunEvent"("kind", "at");

-- CreateIndex
CREATE INDEX "ImportUndo_kind_recordId_idx" ON "ImportUndo"("kind", "recordId");

-- CreateIndex
CREATE UNIQUE INDEX "ImportRun_number_key" ON "ImportRun"("number");

-- CreateIndex
CREATE INDEX "ImportRun_status_idx" ON "ImportRun"("status");

-- AddForeignKey
ALTER TABLE "ImportRunEvent" ADD CONSTRAINT "ImportRunEvent_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ImportRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StagedImportRow" ADD CONSTRAINT "StagedImportRow_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ImportRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportUndo" ADD CONSTRAINT "ImportUndo_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ImportRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
