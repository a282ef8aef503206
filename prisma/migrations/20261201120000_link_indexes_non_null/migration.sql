-- Only a deal or account linked to another one has these columns set: a first import of a
-- million deals built both indexes over a million empty entries. Every query that uses them asks
-- for a value (a group's members, the links a run made), which implies IS NOT NULL, and the
-- self-referencing foreign key's check looks up "linkedToDealId" = the deal. Same names and
-- columns as before (prisma/schema.prisma keeps the column lists).
DROP INDEX "Deal_linkedToDealId_idx";
CREATE INDEX "Deal_linkedToDealId_idx" ON "Deal"("linkedToDealId") WHERE "linkedToDealId" IS NOT NULL;

DROP INDEX "Deal_linkedByRunId_idx";
CREATE INDEX "Deal_linkedByRunId_idx" ON "Deal"("linkedByRunId") WHERE "linkedByRunId" IS NOT NULL;

DROP INDEX "Account_linkedToAccountId_idx";
CREATE INDEX "Account_linkedToAccountId_idx" ON "Account"("linkedToAccountId") WHERE "linkedToAccountId" IS NOT NULL;

DROP INDEX "Account_linkedByRunId_idx";
CREATE INDEX "Account_linkedByRunId_idx" ON "Account"("linkedByRunId") WHERE "linkedByRunId" IS NOT NULL;
