// For the push journey: the sandbox ChartMogul, a destination configured for it (with
// http/private endpoints allowed: the sandbox is on 127.0.0.1 and `next start` is
// production), and deals of the sandbox's customers in a stage no other seed or import
// uses (the imports journey brings Jointflows deals in "Discovery").
import { randomBytes } from "node:crypto";
import { saveCredential } from "@/lib/credentials/save-credential";
import { getDb } from "@/lib/db/client";
import { saveDestination } from "@/lib/destinations/save-destination";
import { ALLOW_PRIVATE_ENDPOINTS_KEY } from "@/lib/settings/allow-private-endpoints";
import { createSyncRun } from "@/lib/sync/create-sync-run";
import { SANDBOX_CRM_USERS, seedDeals } from "@/lib/test/push-fixtures";
import { startChartMogulServer } from "@/sandbox/chartmogul";

export const PUSH_STAGE = "Push journey";
export const PUSH_DESTINATION = "ChartMogul sandbox";
export const PUSH_DEAL_COUNT = 3;
export const BLOCKED_DESTINATION = "ChartMogul saved under an old key";
/** The Matching journey: an account only a similar name links to a sandbox customer ("Stark Logistics GmbH"). */
export const MATCHING_STAGE = "Matching journey";
export const MATCHING_ACCOUNT = "Stark Logistics";
/** The preview journey: more deals than a page of payloads, some that can't be sent (no account, no close date). */
export const PREVIEW_STAGE = "Preview journey";
export const PREVIEW_READY_COUNT = 55;
export const PREVIEW_BLOCKED_COUNT = 15;

/** Needs DEALPORT_SECRET_KEY set to the key the app will run with. */
export async function seedPushJourney() {
  const chartMogul = await startChartMogulServer();
  await getDb().setting.upsert({ where: { key: ALLOW_PRIVATE_ENDPOINTS_KEY }, create: { key: ALLOW_PRIVATE_ENDPOINTS_KEY, value: true }, update: { value: true } });
  const { credential } = await saveCredential({ kind: "chartmogul", name: "ChartMogul sandbox key", endpoint: chartMogul.baseUrl, secret: { apiKey: chartMogul.apiKey } }, null);
  await saveDestination(
    {
      name: PUSH_DESTINATION,
      kind: "chartmogul",
      credentialId: credential.id,
      options: { apiUrl: chartMogul.baseUrl, stages: `${PUSH_STAGE} = Discovery | pipeline | 10\n${MATCHING_STAGE} = Proposal\n${PREVIEW_STAGE} = Discovery | pipeline | 10`, crmUsers: SANDBOX_CRM_USERS },
    },
    null,
  );
  await seedDeals({ count: PUSH_DEAL_COUNT, stage: PUSH_STAGE, prefix: "PUSH" });
  await seedMatchingDeal();
  await seedPreviewDeals();
  await seedBlockedRun(chartMogul.baseUrl);
  return chartMogul;
}

async function seedPreviewDeals() {
  const ids = await seedDeals({ count: PREVIEW_READY_COUNT + PREVIEW_BLOCKED_COUNT, stage: PREVIEW_STAGE, prefix: "PREVIEW" });
  await getDb().deal.updateMany({ where: { id: { in: ids.slice(0, PREVIEW_BLOCKED_COUNT) } }, data: { accountId: null, closeDate: null } });
}

async function seedMatchingDeal() {
  const db = getDb();
  const source = await db.source.upsert({ where: { name: "Test source" }, create: { name: "Test source", kind: "s3_flatfile", config: {} }, update: {} });
  const account = await db.account.create({ data: { sourceId: source.id, externalId: "MATCH-1", name: MATCHING_ACCOUNT, contentHash: "x" } });
  await db.deal.create({
    data: {
      sourceId: source.id,
      externalId: "MATCH-DEAL-1",
      accountId: account.id,
      name: `${MATCHING_ACCOUNT} - Fleet tracking`,
      stage: MATCHING_STAGE,
      pipeline: "New Business",
      owner: "sam.lee@example.com",
      amountMinor: 4_200_000n,
      currency: "USD",
      amountBaseMinor: 4_200_000n,
      closeDate: new Date("2027-05-31T00:00:00Z"),
      contentHash: "x",
    },
  });
}

/**
 * A queued run to a destination whose credential was saved under another
 * DEALPORT_SECRET_KEY (as after a deploy with a new key): the app's worker blocks it.
 */
async function seedBlockedRun(apiUrl: string) {
  const appKey = process.env.DEALPORT_SECRET_KEY;
  process.env.DEALPORT_SECRET_KEY = randomBytes(32).toString("base64");
  const { credential } = await saveCredential({ kind: "chartmogul", name: "ChartMogul old key", secret: { apiKey: "cm-old-key-0001" } }, null);
  process.env.DEALPORT_SECRET_KEY = appKey;
  const destination = await saveDestination(
    { name: BLOCKED_DESTINATION, kind: "chartmogul", credentialId: credential.id, options: { apiUrl, stages: "Blocked journey = Discovery" } },
    null,
  );
  const ids = await seedDeals({ count: 2, stage: "Blocked journey", prefix: "BLK" });
  await createSyncRun({ destinationId: destination.id, selection: { mode: "ids", ids } }, null);
}
