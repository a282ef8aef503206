// For the push journey: the sandbox ChartMogul, a destination configured for it (with
// http/private endpoints allowed: the sandbox is on 127.0.0.1 and `next start` is
// production), and deals of the sandbox's customers in a stage no other seed or import
// uses (the imports journey brings Jointflows deals in "Discovery").
import { saveCredential } from "@/lib/credentials/save-credential";
import { getDb } from "@/lib/db/client";
import { saveDestination } from "@/lib/destinations/save-destination";
import { ALLOW_PRIVATE_ENDPOINTS_KEY } from "@/lib/settings/allow-private-endpoints";
import { seedDeals } from "@/lib/test/push-fixtures";
import { startChartMogulServer } from "@/sandbox/chartmogul";

export const PUSH_STAGE = "Push journey";
export const PUSH_DESTINATION = "ChartMogul sandbox";
export const PUSH_DEAL_COUNT = 3;

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
  return chartMogul;
}
