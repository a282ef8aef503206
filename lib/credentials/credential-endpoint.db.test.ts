// A stored secret goes only to its credential's endpoint: a destination or source naming
// another host (the attacker's collector) is refused before a single request is sent.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { saveDestination } from "@/lib/destinations/save-destination";
import { testDestination } from "@/lib/destinations/test-destination";
import { exactSalesReaderFor } from "@/lib/sources/exact-sales/exact-sales-reader-for";
import { saveSource } from "@/lib/sources/save-source";
import { testSourceConnection } from "@/lib/sources/test-source-connection";
import { ensureTestSecretKey } from "@/lib/test/push-fixtures";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { startChartMogulServer, type ChartMogulServer } from "@/sandbox/chartmogul";
import { startExactSalesServer, type ExactSalesServer } from "@/sandbox/exact-sales";
import { startS3Server, type S3Server } from "@/sandbox/s3";
import { saveCredential } from "./save-credential";

connectTestDatabase();
const KEYS = { accessKeyId: "AKIAENDPOINTTEST0001", secretAccessKey: "endpoint-test-secret-000000000000001" };
let cm: ChartMogulServer;
let collector: ChartMogulServer;
let s3: S3Server;
let s3Collector: S3Server;
let ex: ExactSalesServer;
let exCollector: ExactSalesServer;

beforeAll(async () => {
  ensureTestSecretKey();
  [cm, collector, s3, s3Collector, ex, exCollector] = await Promise.all([
    startChartMogulServer({ rateLimit: null }),
    startChartMogulServer({ rateLimit: null }),
    startS3Server({ credentials: [KEYS], buckets: { deals: {} } }),
    startS3Server({ credentials: [KEYS], buckets: { deals: {} } }),
    startExactSalesServer({ rateLimit: null }),
    startExactSalesServer({ rateLimit: null }),
  ]);
});
afterAll(async () => {
  await Promise.all([cm.stop(), collector.stop(), s3.stop(), s3Collector.stop(), ex.stop(), exCollector.stop()]);
  await disconnectDb();
});
beforeEach(truncateAll);

describe("destinations and sources use only their credential's endpoint", () => {
  it("a ChartMogul destination pointing the key at another host is refused, and nothing reaches that host", async () => {
    const { credential } = await saveCredential({ kind: "chartmogul", name: "cm", endpoint: cm.baseUrl, secret: { apiKey: cm.apiKey } }, null);
    const elsewhere = await saveDestination({ name: "Exfiltrate", kind: "chartmogul", credentialId: credential.id, options: { apiUrl: collector.baseUrl } }, null);
    const result = await testDestination(elsewhere.id, null);
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/is not the endpoint of credential "cm"/) });
    expect(collector.requests).toHaveLength(0);
    // Without a URL of its own (or with the credential's) it works, against the credential's endpoint.
    const own = await saveDestination({ name: "Own", kind: "chartmogul", credentialId: credential.id, options: {} }, null);
    expect(await testDestination(own.id, null)).toMatchObject({ ok: true });
  });

  it("an S3 source pointing the key pair at another store is refused, and nothing reaches that store", async () => {
    const { credential } = await saveCredential({ kind: "s3", name: "s3", endpoint: s3.endpoint, secret: KEYS }, null);
    const { source } = await saveSource(
      { kind: "s3_flatfile", name: "Exfiltrate", format: "jointflows", credentialId: credential.id, location: { bucket: "deals", endpoint: s3Collector.endpoint } },
      null,
    );
    const result = await testSourceConnection(source.id, null);
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/is not the endpoint of credential "s3"/) });
    expect(s3Collector.requests).toHaveLength(0);
  });

  it("an Exact Sales source pointing the token at another host is refused, and nothing reaches that host", async () => {
    const { credential } = await saveCredential({ kind: "exact_sales", name: "ex", endpoint: ex.baseUrl, secret: { token: ex.token } }, null);
    const { source } = await saveSource({ kind: "exact_sales", name: "Exfiltrate", credentialId: credential.id, config: { baseUrl: exCollector.baseUrl } }, null);
    await expect(exactSalesReaderFor(source.id)).rejects.toThrow(/is not the endpoint of credential "ex"/);
    expect(exCollector.requests).toHaveLength(0);
  });
});
