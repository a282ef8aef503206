-- CreateTable
CREATE TABLE "PushPreview" (
    "id" TEXT NOT NULL,
    "destinationId" TEXT NOT NULL,
    "selection" JSONB NOT NULL,
    "options" JSONB NOT NULL DEFAULT '{}',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PushPreview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PushPreviewItem" (
    "previewId" TEXT NOT NULL,
    "dealId" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "isUpdate" BOOLEAN NOT NULL DEFAULT false,
    "payload" JSONB,
    "notes" TEXT[],
    "problems" TEXT[],
    "reasons" TEXT[],
    "excluded" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "PushPreviewItem_pkey" PRIMARY KEY ("previewId","dealId")
);

-- CreateIndex
CREATE INDEX "PushPreview_createdAt_idx" ON "PushPreview"("createdAt");

-- CreateIndex
CREATE INDEX "PushPreviewItem_previewId_ok_excluded_idx" ON "PushPreviewItem"("previewId", "ok", "excluded");

-- AddForeignKey
ALTER TABLE "PushPreview" ADD CONSTRAINT "PushPreview_destinationId_fkey" FOREIGN KEY ("destinationId") REFERENCES "Destination"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PushPreviewItem" ADD CONSTRAINT "PushPreviewItem_previewId_fkey" FOREIGN KEY ("previewId") REFERENCES "PushPreview"("id") ON DELETE CASCADE ON UPDATE CASCADE;
