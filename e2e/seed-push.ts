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
import { seedDeals } from "@/lib/test/push-fixtures";
import { startChartMogulServer } from "@/sandbox/chartmogul";

export const PUSH_STAGE = "Push journey";
export const PUSH_DESTINATION = "ChartMogul sandbox";
export const PUSH_DEAL_COUNT = 3;
export const BLOCKED_DESTINATION = "ChartMogul saved under an old key";

/** Needs DEALPORT_SECRET_KEY set to the key the app will run with. */
export async function seedPushJourney() {
  const chartMogul = await startChartMogulServer();
  await getDb().setting.upsert({ where: { key: ALLOW_PRIVATE_ENDPOINTS_KEY }, create: { key: ALLOW_PRIVATE_ENDPOINTS_KEY, value: true }, update: { value: true } });
  const { credential } = await saveCredential({ kind: "chartmogul", name: "ChartMogul sandbox key", endpoint: chartMogul.baseUrl, secret: { apiKey: chartMogul.apiKey } }, null);
  await saveDestination(
    { name: PUSH_DESTINATION, kind: "chartmogul", credentialId: credential.id, options: { apiUrl: chartMogul.baseUrl, stages: `${PUSH_STAGE} = Discovery | pipeline | 10` } },
    null,
  );
  await seedDeals({ count: PUSH_DEAL_COUNT, stage: PUSH_STAGE, prefix: "PUSH" });
  await seedBlockedRun(chartMogul.baseUrl);
  return chartMogul;
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
