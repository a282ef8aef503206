-- AlterTable
ALTER TABLE "Deal" ADD COLUMN     "sourceCreatedAt" TIMESTAMP(3);
