-- AlterTable
ALTER TABLE "DealChange" ADD COLUMN     "amountBaseMinor" BIGINT,
ADD COLUMN     "baseCurrency" TEXT,
ADD COLUMN     "file" TEXT,
ADD COLUMN     "line" INTEGER,
ADD COLUMN     "rateToBase" TEXT;

-- AlterTable
ALTER TABLE "SyncItem" ADD COLUMN     "amountBaseMinor" BIGINT,
ADD COLUMN     "baseCurrency" TEXT;

-- CreateIndex
CREATE INDEX "SyncItem_dealId_updatedAt_idx" ON "SyncItem"("dealId", "updatedAt");
