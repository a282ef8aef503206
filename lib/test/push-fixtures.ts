// Deals, credentials and destinations for push tests and the push benchmark: accounts
// named like the sandbox ChartMogul customers and Pipeliner accounts, so they match.
import "server-only";
import { randomBytes } from "node:crypto";
import { saveCredential } from "@/lib/credentials/save-credential";
import { getDb } from "@/lib/db/client";
import { saveDestination } from "@/lib/destinations/save-destination";
import { exportEnv } from "@/lib/env";

/** The sandbox's seed customers/accounts (sandbox/chartmogul/store.ts, sandbox/pipeliner/store.ts). */
export const SANDBOX_ACCOUNTS = [
  { externalId: "ACC-1001", name: "Acme Corporation", email: "billing@acme.example.com" },
  { externalId: "ACC-1002", name: "Globex Industries", email: "finance@globex.example.com" },
  { externalId: "ACC-1003", name: "Initech", email: "accounts@initech.example.com" },
];

/** The sandbox ChartMogul's users with a CRM seat (sandbox/chartmogul/store.ts). */
export const SANDBOX_CRM_USERS = "alex.morgan@example.com, priya.shah@example.com, sam.lee@example.com";

/** Credentials are sealed with the master key; tests use a throwaway one unless one is set. */
export function ensureTestSecretKey() {
  exportEnv({ DEALPORT_SECRET_KEY: randomBytes(32).toString("base64") });
}

export type SeedDealsOptions = {
  count: number;
  stage?: string;
  pipeline?: string;
  owner?: string;
  currency?: string;
  amountMinor?: bigint;
  prefix?: string;
};

/** `count` deals spread over the sandbox accounts; returns their ids in creation order. */
export async function seedDeals(options: SeedDealsOptions): Promise<string[]> {
  const db = getDb();
  const source = await db.source.upsert({ where: { name: "Test source" }, create: { name: "Test source", kind: "s3_flatfile", config: {} }, update: {} });
  const accounts: { id: string; name: string }[] = [];
  for (const a of SANDBOX_ACCOUNTS) {
    accounts.push(
      await db.account.upsert({
        where: { sourceId_externalId: { sourceId: source.id, externalId: a.externalId } },
        create: { sourceId: source.id, externalId: a.externalId, name: a.name, url: `https://${a.email.split("@")[1]}`, industry: "Software", properties: { email: a.email }, contentHash: "x" },
        update: {},
      }),
    );
  }
  const prefix = options.prefix ?? "DL";
  const existing = await db.deal.count({ where: { externalId: { startsWith: prefix } } });
  const rows = Array.from({ length: options.count }, (_, i) => {
    const n = existing + i + 1;
    const account = accounts[n % accounts.length];
    return {
      sourceId: source.id,
      externalId: `${prefix}-${String(n).padStart(6, "0")}`,
      accountId: account.id,
      name: `${account.name} - Deal ${n}`,
      stage: options.stage ?? "Discovery",
      pipeline: options.pipeline ?? "New Business",
      owner: options.owner ?? "alex.morgan@example.com",
      amountMinor: options.amountMinor ?? 1_234_500n,
      currency: options.currency ?? "USD",
      amountBaseMinor: options.currency && options.currency !== "USD" ? null : (options.amountMinor ?? 1_234_500n),
      closeDate: new Date("2027-03-31T00:00:00Z"),
      properties: { description: `Deal number ${n}` },
      contentHash: "x",
    };
  });
  await db.deal.createMany({ data: rows });
  const created = await db.deal.findMany({ where: { externalId: { in: rows.map((r) => r.externalId) } }, orderBy: { externalId: "asc" }, select: { id: true } });
  return created.map((d) => d.id);
}

const STAGE_RULES = "Discovery = Discovery | pipeline | 10\nProposal = Proposal | best_case | 50\nClosed Won = Closed Won | won | 100";

export async function createChartMogulDestination(cm: { apiKey: string; baseUrl: string }, options: Record<string, unknown> = {}) {
  ensureTestSecretKey();
  const suffix = randomBytes(3).toString("hex");
  const { credential } = await saveCredential({ kind: "chartmogul", name: `cm-${suffix}`, endpoint: cm.baseUrl, secret: { apiKey: cm.apiKey } }, null);
  return saveDestination(
    { name: `ChartMogul ${suffix}`, kind: "chartmogul", credentialId: credential.id, options: { apiUrl: cm.baseUrl, stages: STAGE_RULES, crmUsers: SANDBOX_CRM_USERS, ...options } },
    null,
  );
}

export async function createPipelinerDestination(pl: { username: string; password: string; url: string; spaceId: string }, options: Record<string, unknown> = {}) {
  ensureTestSecretKey();
  const suffix = randomBytes(3).toString("hex");
  const { credential } = await saveCredential(
    { kind: "pipeliner", name: `pl-${suffix}`, secret: { username: pl.username, password: pl.password, serviceUrl: pl.url, spaceId: pl.spaceId } },
    null,
  );
  return saveDestination({ name: `Pipeliner ${suffix}`, kind: "pipeliner", credentialId: credential.id, options }, null);
}

export async function createJointflowsDestination(s3: { endpoint: string; accessKeyId: string; secretAccessKey: string; bucket: string }, options: Record<string, unknown> = {}) {
  ensureTestSecretKey();
  const suffix = randomBytes(3).toString("hex");
  const { credential } = await saveCredential({ kind: "s3", name: `s3-${suffix}`, endpoint: s3.endpoint, secret: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } }, null);
  return saveDestination(
    { name: `Jointflows ${suffix}`, kind: "jointflows", credentialId: credential.id, options: { endpoint: s3.endpoint, bucket: s3.bucket, prefix: "drop/", ...options } },
    null,
  );
}

export async function createDreamdataDestination(s3: { endpoint: string; accessKeyId: string; secretAccessKey: string; bucket: string }, options: Record<string, unknown> = {}) {
  ensureTestSecretKey();
  const suffix = randomBytes(3).toString("hex");
  const { credential } = await saveCredential({ kind: "gcs_hmac", name: `gcs-${suffix}`, endpoint: s3.endpoint, secret: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } }, null);
  return saveDestination(
    { name: `Dreamdata ${suffix}`, kind: "dreamdata", credentialId: credential.id, options: { endpoint: s3.endpoint, bucket: s3.bucket, prefix: "dreamdata/", ...options } },
    null,
  );
}
