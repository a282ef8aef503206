import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { createKeyring } from "@/lib/secrets/keyring";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { startChartMogulServer, type ChartMogulServer } from "@/sandbox/chartmogul";
import { startExactSalesServer, type ExactSalesServer } from "@/sandbox/exact-sales";
import { startPipelinerServer, type PipelinerServer } from "@/sandbox/pipeliner";
import { startS3Server, type S3Server } from "@/sandbox/s3";
import { secretEncodings } from "./redact-secrets";
import { saveCredential } from "./save-credential";
import { testCredentialConnection } from "./test-connection";

const db = connectTestDatabase();
const keyring = createKeyring(randomBytes(32).toString("base64"));
const DEV = { production: false, allowPrivate: true };
const PROD = { production: true, allowPrivate: false };

const S3_KEYS = { accessKeyId: "AKIAPROBETEST0000001", secretAccessKey: "probe-s3-secret-0000000000000000000001" };
let s3: S3Server;
let cm: ChartMogulServer;
let pl: PipelinerServer;
let ex: ExactSalesServer;
let admin: Actor;

beforeAll(async () => {
  [s3, cm, pl, ex] = await Promise.all([
    startS3Server({ credentials: [S3_KEYS], buckets: { deals: { "deals.csv": "id\n1\n" } } }),
    startChartMogulServer({ rateLimit: null }),
    startPipelinerServer(),
    startExactSalesServer({ rateLimit: null }),
  ]);
});
afterAll(async () => {
  await Promise.all([s3.stop(), cm.stop(), pl.stop(), ex.stop()]);
  await disconnectDb();
});
beforeEach(async () => {
  await truncateAll();
  const user = await db.user.create({ data: { email: "admin@example.com", role: "admin", passwordHash: "x" } });
  admin = { id: user.id, email: user.email, role: "admin" };
});

async function save(input: Parameters<typeof saveCredential>[0]) {
  return (await saveCredential(input, admin, { keyring })).credential.id;
}

describe("testCredentialConnection against the sandbox services", () => {
  it("connects with good credentials of every kind and audits the test", async () => {
    const cases = [
      { id: await save({ kind: "s3", name: "s3", secret: S3_KEYS }), extra: { endpoint: s3.endpoint, bucket: "deals" }, text: /listed bucket "deals" and found objects/ },
      { id: await save({ kind: "chartmogul", name: "cm", secret: { apiKey: cm.apiKey } }), extra: { endpoint: cm.baseUrl }, text: /ChartMogul accepted/ },
      {
        id: await save({ kind: "pipeliner", name: "pl", secret: { username: pl.username, password: pl.password, serviceUrl: pl.url, spaceId: pl.spaceId } }),
        extra: {},
        text: /Pipeliner accepted/,
      },
      { id: await save({ kind: "exact_sales", name: "ex", secret: { token: ex.token } }), extra: { endpoint: ex.baseUrl }, text: /Exact Sales accepted/ },
    ];
    for (const c of cases) {
      const result = await testCredentialConnection({ credentialId: c.id, ...c.extra }, admin, { keyring, policy: DEV });
      expect(result, result.message).toMatchObject({ ok: true, status: 200 });
      expect(result.message).toMatch(c.text);
    }
    const audit = await db.auditEvent.findMany({ where: { action: "credential.test" } });
    expect(audit).toHaveLength(4);
    expect(audit.every((e) => (e.details as { ok: boolean }).ok)).toBe(true);
  });

  it("says clearly when each kind's credential is refused, without echoing it", async () => {
    const wrong = "wrong-secret-VALUE-1234567890-abcdef";
    const cases = [
      { id: await save({ kind: "s3", name: "s3", secret: { accessKeyId: S3_KEYS.accessKeyId, secretAccessKey: wrong } }), extra: { endpoint: s3.endpoint, bucket: "deals" }, text: /secret access key does not match/ },
      { id: await save({ kind: "chartmogul", name: "cm", secret: { apiKey: wrong } }), extra: { endpoint: cm.baseUrl }, text: /ChartMogul refused the credential \(HTTP 401\): No valid API key provided/ },
      {
        id: await save({ kind: "pipeliner", name: "pl", secret: { username: pl.username, password: wrong, serviceUrl: pl.url, spaceId: pl.spaceId } }),
        extra: {},
        text: /Pipeliner refused the credential \(HTTP 401\)/,
      },
      { id: await save({ kind: "exact_sales", name: "ex", secret: { token: wrong } }), extra: { endpoint: ex.baseUrl }, text: /Exact Sales refused the credential \(HTTP 401\)/ },
    ];
    for (const c of cases) {
      const result = await testCredentialConnection({ credentialId: c.id, ...c.extra }, admin, { keyring, policy: DEV });
      expect(result.ok).toBe(false);
      expect(result.message).toMatch(c.text);
      const everything = JSON.stringify(result);
      for (const form of secretEncodings(wrong)) expect(everything).not.toContain(form);
    }
    const audit = JSON.stringify(await db.auditEvent.findMany({ select: { summary: true, details: true } }));
    for (const form of secretEncodings(wrong)) expect(audit).not.toContain(form);
  });

  it("reports a missing bucket, a wrong path and an unreachable host in words", async () => {
    const s3Id = await save({ kind: "s3", name: "s3", secret: S3_KEYS });
    expect((await testCredentialConnection({ credentialId: s3Id, endpoint: s3.endpoint, bucket: "nope" }, admin, { keyring, policy: DEV })).message).toMatch(
      /bucket does not exist \(NoSuchBucket, HTTP 404\)/,
    );
    const cmId = await save({ kind: "chartmogul", name: "cm", secret: { apiKey: cm.apiKey } });
    const wrongPath = await testCredentialConnection({ credentialId: cmId, endpoint: `${cm.baseUrl}/api` }, admin, { keyring, policy: DEV });
    expect(wrongPath).toMatchObject({ ok: false, status: 404 });
    const gone = await startChartMogulServer();
    await gone.stop();
    const closed = await testCredentialConnection({ credentialId: cmId, endpoint: gone.url }, admin, { keyring, policy: DEV });
    expect(closed).toMatchObject({ ok: false, status: null, message: `Could not reach 127.0.0.1:${gone.port}: the connection was refused` });
  });

  it("refuses loopback and http endpoints in production before sending anything", async () => {
    const cmId = await save({ kind: "chartmogul", name: "cm", secret: { apiKey: cm.apiKey } });
    const before = cm.requests.length;
    await expect(testCredentialConnection({ credentialId: cmId, endpoint: cm.baseUrl }, admin, { keyring, policy: PROD })).rejects.toThrow(/must use https/);
    await expect(
      testCredentialConnection({ credentialId: cmId, endpoint: cm.baseUrl }, admin, { keyring, policy: { production: true, allowPrivate: true } }),
    ).resolves.toMatchObject({ ok: true });
    expect(cm.requests.length).toBe(before + 1);
  });

  it("asks for a bucket for storage keys", async () => {
    const s3Id = await save({ kind: "s3", name: "s3", secret: S3_KEYS });
    const err = await testCredentialConnection({ credentialId: s3Id, endpoint: s3.endpoint }, admin, { keyring, policy: DEV }).catch((e) => e);
    expect(err.issues[0]).toMatchObject({ path: ["bucket"], message: "bucket is required to test a storage key" });
  });
});
