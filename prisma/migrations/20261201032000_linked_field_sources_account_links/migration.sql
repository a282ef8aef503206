-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "linkedByRunId" TEXT,
ADD COLUMN     "linkedToAccountId" TEXT;

-- CreateTable
CREATE TABLE "LinkedFieldSource" (
    "field" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LinkedFieldSource_pkey" PRIMARY KEY ("field")
);

-- CreateTable
CREATE TABLE "AccountLinkRule" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "otherSourceId" TEXT NOT NULL,
    "otherField" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccountLinkRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountLinkSuggestion" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "otherAccountId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "runId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,

    CONSTRAINT "AccountLinkSuggestion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AccountLinkRule_sourceId_otherSourceId_key" ON "AccountLinkRule"("sourceId", "otherSourceId");

-- CreateIndex
CREATE INDEX "AccountLinkSuggestion_runId_idx" ON "AccountLinkSuggestion"("runId");

-- CreateIndex
CREATE INDEX "AccountLinkSuggestion_status_idx" ON "AccountLinkSuggestion"("status");

-- CreateIndex
CREATE UNIQUE INDEX "AccountLinkSuggestion_accountId_otherAccountId_key" ON "AccountLinkSuggestion"("accountId", "otherAccountId");

-- CreateIndex
CREATE INDEX "Account_linkedToAccountId_idx" ON "Account"("linkedToAccountId");

-- CreateIndex
CREATE INDEX "Account_linkedByRunId_idx" ON "Account"("linkedByRunId");

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_linkedToAccountId_fkey" FOREIGN KEY ("linkedToAccountId") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinkedFieldSource" ADD CONSTRAINT "LinkedFieldSource_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountLinkSuggestion" ADD CONSTRAINT "AccountLinkSuggestion_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountLinkSuggestion" ADD CONSTRAINT "AccountLinkSuggestion_otherAccountId_fkey" FOREIGN KEY ("otherAccountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;
