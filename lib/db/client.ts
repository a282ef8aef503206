// The one Prisma client. Only lib/ imports it.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { readDatabaseUrl } from "@/lib/env";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;

const globalForDb = globalThis as unknown as { dealportDb?: PrismaClient; dealportDbUrl?: string };

function createClient(url: string) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
}

/** The shared client for DATABASE_URL (resolved at start-up by resolveDatabase). */
export function getDb(): PrismaClient {
  const url = readDatabaseUrl();
  if (!globalForDb.dealportDb || globalForDb.dealportDbUrl !== url) {
    void globalForDb.dealportDb?.$disconnect();
    globalForDb.dealportDb = createClient(url);
    globalForDb.dealportDbUrl = url;
  }
  return globalForDb.dealportDb;
}

export async function disconnectDb() {
  await globalForDb.dealportDb?.$disconnect();
  globalForDb.dealportDb = undefined;
}

export { Prisma } from "./generated/client";
