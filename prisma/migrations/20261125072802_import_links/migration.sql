-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "reportsToId" TEXT;

-- AlterTable
ALTER TABLE "Deal" ADD COLUMN     "accountExternalId" TEXT;

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_reportsToId_fkey" FOREIGN KEY ("reportsToId") REFERENCES "Contact"("id") ON DELETE SET NULL ON UPDATE CASCADE;
