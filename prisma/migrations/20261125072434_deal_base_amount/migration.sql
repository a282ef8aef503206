-- AlterTable
ALTER TABLE "Deal" ADD COLUMN     "amountBaseMinor" BIGINT;

-- CreateIndex
CREATE INDEX "Deal_amountBaseMinor_idx" ON "Deal"("amountBaseMinor");
