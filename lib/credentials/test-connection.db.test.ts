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
import { clientInput } from "@/lib/test/client-input";

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
      { id: await save({ kind: "s3", name: "s3", endpoint: s3.endpoint, secret: S3_KEYS }), extra: { bucket: "deals" }, text: /listed bucket "deals" and found objects/ },
      { id: await save({ kind: "chartmogul", name: "cm", endpoint: cm.baseUrl, secret: { apiKey: cm.apiKey } }), extra: {}, text: /ChartMogul accepted/ },
      {
        id: await save({ kind: "pipeliner", name: "pl", secret: { username: pl.username, password: pl.password, serviceUrl: pl.url, spaceId: pl.spaceId } }),
        extra: {},
        text: /Pipeliner accepted/,
      },
      { id: await save({ kind: "exact_sales", name: "ex", endpoint: ex.baseUrl, secret: { token: ex.token } }), extra: {}, text: /Exact Sales accepted/ },
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
      { id: await save({ kind: "s3", name: "s3", endpoint: s3.endpoint, secret: { accessKeyId: S3_KEYS.accessKeyId, secretAccessKey: wrong } }), extra: { bucket: "deals" }, text: /secret access key does not match/ },
      { id: await save({ kind: "chartmogul", name: "cm", endpoint: cm.baseUrl, secret: { apiKey: wrong } }), extra: {}, text: /ChartMogul refused the credential \(HTTP 401\): No valid API key provided/ },
      {
        id: await save({ kind: "pipeliner", name: "pl", secret: { username: pl.username, password: wrong, serviceUrl: pl.url, spaceId: pl.spaceId } }),
        extra: {},
        text: /Pipeliner refused the credential \(HTTP 401\)/,
      },
      { id: await save({ kind: "exact_sales", name: "ex", endpoint: ex.baseUrl, secret: { token: wrong } }), extra: {}, text: /Exact Sales refused the credential \(HTTP 401\)/ },
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
    const s3Id = await save({ kind: "s3", name: "s3", endpoint: s3.endpoint, secret: S3_KEYS });
    expect((await testCredentialConnection({ credentialId: s3Id, bucket: "nope" }, admin, { keyring, policy: DEV })).message).toMatch(
      /bucket does not exist \(NoSuchBucket, HTTP 404\)/,
    );
    const wrongPathId = await save({ kind: "chartmogul", name: "cm-path", endpoint: `${cm.baseUrl}/api`, secret: { apiKey: cm.apiKey } });
    expect(await testCredentialConnection({ credentialId: wrongPathId }, admin, { keyring, policy: DEV })).toMatchObject({ ok: false, status: 404 });
    const gone = await startChartMogulServer();
    await gone.stop();
    const goneId = await save({ kind: "chartmogul", name: "cm-gone", endpoint: gone.url, secret: { apiKey: cm.apiKey } });
    const closed = await testCredentialConnection({ credentialId: goneId }, admin, { keyring, policy: DEV });
    expect(closed).toMatchObject({ ok: false, status: null, message: `Could not reach 127.0.0.1:${gone.port}: the connection was refused` });
  });

  it("refuses loopback and http endpoints in production before sending anything", async () => {
    const cmId = await save({ kind: "chartmogul", name: "cm", endpoint: cm.baseUrl, secret: { apiKey: cm.apiKey } });
    const before = cm.requests.length;
    await expect(testCredentialConnection({ credentialId: cmId }, admin, { keyring, policy: PROD })).rejects.toThrow(/must use https/);
    await expect(testCredentialConnection({ credentialId: cmId }, admin, { keyring, policy: { production: true, allowPrivate: true } })).resolves.toMatchObject({ ok: true });
    expect(cm.requests.length).toBe(before + 1);
  });

  it("asks for a bucket for storage keys", async () => {
    const s3Id = await save({ kind: "s3", name: "s3", endpoint: s3.endpoint, secret: S3_KEYS });
    const err = await testCredentialConnection({ credentialId: s3Id }, admin, { keyring, policy: DEV }).catch((e) => e);
    expect(err.issues[0]).toMatchObject({ path: ["bucket"], message: "bucket is required to test a storage key" });
  });
});

describe("the endpoint is part of the credential", () => {
  it("a connection test sends the secret only to the credential's endpoint, whatever endpoint the request names", async () => {
    const attacker = await startChartMogulServer({ rateLimit: null });
    try {
      const cmId = await save({ kind: "chartmogul", name: "cm", endpoint: cm.baseUrl, secret: { apiKey: cm.apiKey } });
      const result = await testCredentialConnection(clientInput({ credentialId: cmId, endpoint: attacker.baseUrl }), admin, { keyring, policy: DEV });
      expect(result).toMatchObject({ ok: true, endpoint: cm.baseUrl });
      expect(attacker.requests).toHaveLength(0);
    } finally {
      await attacker.stop();
    }
  });

  it("is shown with the credential and changes only together with the secret", async () => {
    const id = await save({ kind: "chartmogul", name: "cm", endpoint: cm.baseUrl, secret: { apiKey: cm.apiKey } });
    const row = await db.credential.findUniqueOrThrow({ where: { id } });
    expect(row.endpoint).toBe(cm.baseUrl);
    // Pointing it elsewhere without the secret is refused: the secret is required on every save.
    const refused = await saveCredential(clientInput({ id, kind: "chartmogul", name: "cm", endpoint: "https://collector.example.net" }), admin, { keyring }).catch((e) => e);
    expect(refused.issues?.[0]).toMatchObject({ path: ["secret"] });
    expect((await db.credential.findUniqueOrThrow({ where: { id } })).endpoint).toBe(cm.baseUrl);
    // With the secret re-entered it moves, and the audit log says where to (never the secret).
    await saveCredential({ id, kind: "chartmogul", name: "cm", endpoint: "https://api.chartmogul.com/", secret: { apiKey: cm.apiKey } }, admin, { keyring });
    expect((await db.credential.findUniqueOrThrow({ where: { id } })).endpoint).toBe("https://api.chartmogul.com");
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "credential.replace" } });
    expect(event.details).toMatchObject({ endpoint: "https://api.chartmogul.com" });
    expect(JSON.stringify([event.summary, event.details])).not.toContain(cm.apiKey);
  });
});
