-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN     "error" TEXT;

-- AlterTable
ALTER TABLE "SyncItem" ADD COLUMN     "throttled" INTEGER NOT NULL DEFAULT 0;
