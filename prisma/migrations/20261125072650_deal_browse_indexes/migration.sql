-- Trigram indexes below need pg_trgm (a trusted extension: no superuser needed on PostgreSQL >= 13).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- DropIndex
DROP INDEX "Account_name_idx";

-- DropIndex
DROP INDEX "Deal_amountBaseMinor_idx";

-- DropIndex
DROP INDEX "Deal_stage_idx";

-- DropIndex
DROP INDEX "Deal_pipeline_idx";

-- DropIndex
DROP INDEX "Deal_owner_idx";

-- DropIndex
DROP INDEX "Deal_closeDate_idx";

-- CreateIndex
CREATE INDEX "Account_name_id_idx" ON "Account"("name", "id");

-- CreateIndex
CREATE INDEX "Account_name_trgm_idx" ON "Account" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Deal_name_id_idx" ON "Deal"("name", "id");

-- CreateIndex
CREATE INDEX "Deal_amountBaseMinor_id_idx" ON "Deal"("amountBaseMinor", "id");

-- CreateIndex
CREATE INDEX "Deal_stage_id_idx" ON "Deal"("stage", "id");

-- CreateIndex
CREATE INDEX "Deal_pipeline_id_idx" ON "Deal"("pipeline", "id");

-- CreateIndex
CREATE INDEX "Deal_owner_id_idx" ON "Deal"("owner", "id");

-- CreateIndex
CREATE INDEX "Deal_closeDate_id_idx" ON "Deal"("closeDate", "id");

-- CreateIndex
CREATE INDEX "Deal_lastImportStatus_idx" ON "Deal"("lastImportStatus");

-- CreateIndex
CREATE INDEX "Deal_name_trgm_idx" ON "Deal" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Link_destinationId_dealId_idx" ON "Link"("destinationId", "dealId");
