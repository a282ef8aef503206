-- CreateIndex
CREATE INDEX "Deal_stage_pipeline_idx" ON "Deal"("stage", "pipeline");
