// Rows for tests and seeds, inserted directly (not through an import): sources, accounts,
// deals, destinations and links with sensible defaults that each test overrides.
import "server-only";
import { randomUUID } from "node:crypto";
import { getDb, type Db, type Prisma } from "@/lib/db/client";

const uid = () => randomUUID().slice(0, 8);

export async function createSource(overrides: { name?: string; kind?: string } = {}, db: Db = getDb()) {
  return db.source.create({ data: { name: overrides.name ?? `source-${uid()}`, kind: overrides.kind ?? "s3_flatfile", format: "jointflows", config: {} } });
}

export async function createAccount(sourceId: string, overrides: { name?: string; externalId?: string } = {}, db: Db = getDb()) {
  return db.account.create({
    data: { sourceId, externalId: overrides.externalId ?? `acc-${uid()}`, name: overrides.name ?? `Account ${uid()}`, contentHash: "test" },
  });
}

export type DealOverrides = {
  name?: string;
  externalId?: string;
  accountId?: string | null;
  stage?: string | null;
  pipeline?: string | null;
  owner?: string | null;
  amountMinor?: bigint | null;
  currency?: string | null;
  amountBaseMinor?: bigint | null;
  closeDate?: string | null;
  lastImportStatus?: string | null;
  removedAt?: Date | null;
  properties?: Record<string, string>;
  provenance?: Prisma.InputJsonObject;
};

export async function createDeal(sourceId: string, overrides: DealOverrides = {}, db: Db = getDb()) {
  const { closeDate, ...rest } = overrides;
  return db.deal.create({
    data: {
      sourceId,
      externalId: `deal-${uid()}`,
      name: `Deal ${uid()}`,
      contentHash: "test",
      currency: "USD",
      lastImportStatus: "new",
      ...rest,
      closeDate: closeDate ? new Date(`${closeDate}T00:00:00Z`) : null,
    },
  });
}

export async function createDestination(overrides: { name?: string; kind?: string } = {}, db: Db = getDb()) {
  return db.destination.create({ data: { name: overrides.name ?? `dest-${uid()}`, kind: overrides.kind ?? "chartmogul" } });
}

export async function linkDeal(dealId: string, destinationId: string, externalId = `ext-${uid()}`, db: Db = getDb()) {
  return db.link.create({ data: { dealId, destinationId, externalId } });
}
