import { createServer } from "node:net";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { DEMO_S3_CREDENTIALS, startSandbox } from "./index";
import { SEED_OBJECT_KEYS } from "./seed-data";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe("startSandbox", () => {
  it("serves the sample files with the demo credentials, on the requested port, until stopped", async () => {
    const port = await freePort();
    const sandbox = await startSandbox({ s3Port: port });
    const { s3 } = sandbox;
    expect(s3).toMatchObject({
      endpoint: `http://127.0.0.1:${port}`,
      region: "us-east-1",
      bucket: "dealport-demo",
      accessKeyId: "DEMOACCESSKEY",
      secretAccessKey: "demo-secret-key-not-for-production",
    });

    const client = new S3Client({
      endpoint: s3.endpoint,
      region: s3.region,
      forcePathStyle: true,
      credentials: DEMO_S3_CREDENTIALS,
      maxAttempts: 1,
    });
    try {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
      expect(listed.Contents?.map((c) => c.Key).sort()).toEqual([...SEED_OBJECT_KEYS].sort());
      const deals = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: "jointflows/deals.csv" }));
      expect((await deals.Body!.transformToString()).split("\n")[0]).toMatch(/^Name,target_close_date,owner_email,value,/);

      await sandbox.stop();
      await expect(fetch(s3.endpoint)).rejects.toMatchObject({ cause: { code: "ECONNREFUSED" } });
      await sandbox.stop();
    } finally {
      client.destroy();
    }
  });

  it("gives each sandbox its own port and objects", async () => {
    const [a, b] = await Promise.all([startSandbox(), startSandbox()]);
    try {
      expect(a.s3.endpoint).not.toBe(b.s3.endpoint);
      a.s3.server.putObject(a.s3.bucket, "only-in-a.csv", "x");
      expect(b.s3.server.getObject(b.s3.bucket, "only-in-a.csv")).toBeUndefined();
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});
