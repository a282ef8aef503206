-- AlterTable
ALTER TABLE "Deal" ADD COLUMN     "linkedByRunId" TEXT,
ADD COLUMN     "linkedToDealId" TEXT;

-- CreateTable
CREATE TABLE "DealLinkRule" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "otherSourceId" TEXT NOT NULL,
    "otherField" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DealLinkRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DealLinkSuggestion" (
    "id" TEXT NOT NULL,
    "dealId" TEXT NOT NULL,
    "otherDealId" TEXT NOT NULL,
    "runId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,

    CONSTRAINT "DealLinkSuggestion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DealLinkRule_sourceId_otherSourceId_key" ON "DealLinkRule"("sourceId", "otherSourceId");

-- CreateIndex
CREATE INDEX "DealLinkSuggestion_runId_idx" ON "DealLinkSuggestion"("runId");

-- CreateIndex
CREATE INDEX "DealLinkSuggestion_status_idx" ON "DealLinkSuggestion"("status");

-- CreateIndex
CREATE UNIQUE INDEX "DealLinkSuggestion_dealId_otherDealId_key" ON "DealLinkSuggestion"("dealId", "otherDealId");

-- CreateIndex
CREATE INDEX "Deal_linkedToDealId_idx" ON "Deal"("linkedToDealId");

-- CreateIndex
CREATE INDEX "Deal_linkedByRunId_idx" ON "Deal"("linkedByRunId");

-- AddForeignKey
ALTER TABLE "Deal" ADD CONSTRAINT "Deal_linkedToDealId_fkey" FOREIGN KEY ("linkedToDealId") REFERENCES "Deal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DealLinkSuggestion" ADD CONSTRAINT "DealLinkSuggestion_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DealLinkSuggestion" ADD CONSTRAINT "DealLinkSuggestion_otherDealId_fkey" FOREIGN KEY ("otherDealId") REFERENCES "Deal"("id") ON DELETE CASCADE ON UPDATE CASCADE;
