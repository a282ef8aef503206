// The sandbox S3 server driven by the real @aws-sdk/client-s3, as the app uses it.
import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startS3Server, type S3Credentials, type S3Server } from "./index";

const CREDENTIALS: S3Credentials = { accessKeyId: "TESTACCESSKEY", secretAccessKey: "test-secret" };
const BUCKET = "imports";

let server: S3Server;
let s3: S3Client;

function clientFor(credentials: S3Credentials, region = "us-east-1"): S3Client {
  return new S3Client({ endpoint: server.endpoint, forcePathStyle: true, region, credentials });
}

/** The S3 error the SDK surfaced: its code, HTTP status and message. */
async function s3Failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => {
      throw new Error("expected the request to fail");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(S3ServiceException);
  const failure = error as S3ServiceException;
  return { name: failure.name, status: failure.$metadata.httpStatusCode, message: failure.message, error: failure };
}

function md5(body: Buffer | string): string {
  return createHash("md5").update(body).digest("hex");
}

async function bodyText(bucket: string, key: string): Promise<string> {
  const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return out.Body!.transformToString();
}

beforeAll(async () => {
  server = await startS3Server({
    credentials: [CREDENTIALS, { accessKeyId: "OTHERKEY", secretAccessKey: "other-secret" }],
    buckets: { [BUCKET]: { "seed/hello.txt": "hello" } },
  });
  s3 = clientFor(CREDENTIALS);
});

afterAll(async () => {
  s3.destroy();
  await server.stop();
});

describe("buckets", () => {
  it("lists the seeded bucket and creates new ones", async () => {
    await s3.send(new CreateBucketCommand({ Bucket: "fresh-bucket" }));
    const out = await s3.send(new ListBucketsCommand({}));
    const names = out.Buckets!.map((b) => b.Name);
    expect(names).toEqual(expect.arrayContaining([BUCKET, "fresh-bucket"]));
    expect(out.Buckets!.every((b) => b.CreationDate instanceof Date)).toBe(true);
    expect(out.Owner?.DisplayName).toBe("sandbox");
  });

  it("refuses to create a bucket twice or with an invalid name", async () => {
    expect(await s3Failure(s3.send(new CreateBucketCommand({ Bucket: BUCKET })))).toMatchObject({
      name: "BucketAlreadyOwnedByYou",
      status: 409,
    });
    expect(await s3Failure(s3.send(new CreateBucketCommand({ Bucket: "Not_Valid" })))).toMatchObject({
      name: "InvalidBucketName",
      status: 400,
    });
  });

  it("answers HeadBucket with the region, and 404 for a missing bucket", async () => {
    const out = await s3.send(new HeadBucketCommand({ Bucket: BUCKET }));
    expect(out.BucketRegion).toBe("us-east-1");
    expect(await s3Failure(s3.send(new HeadBucketCommand({ Bucket: "no-such-bucket" })))).toMatchObject({ status: 404 });
  });
});

describe("objects", () => {
  it("PutObject returns the quoted MD5 ETag and GetObject returns body and headers", async () => {
    const body = "Name,value\nAcme,100\n";
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: "jointflows/deals.csv",
        Body: body,
        ContentType: "text/csv",
        Metadata: { exported_by: "crm" },
      }),
    );
    expect(put.ETag).toBe(`"${md5(body)}"`);

    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "jointflows/deals.csv" }));
    expect(got.ETag).toBe(put.ETag);
    expect(got.ContentLength).toBe(Buffer.byteLength(body));
    expect(got.ContentType).toBe("text/csv");
    expect(got.Metadata).toEqual({ exported_by: "crm" });
    expect(got.AcceptRanges).toBe("bytes");
    expect(got.LastModified).toBeInstanceOf(Date);
    expect(Math.abs(got.LastModified!.getTime() - Date.now())).toBeLessThan(5000);
    expect(await got.Body!.transformToString()).toBe(body);
  });

  it("serves objects given at start and stored directly", async () => {
    expect(await bodyText(BUCKET, "seed/hello.txt")).toBe("hello");
    server.putObject(BUCKET, "seed/direct.txt", Buffer.from("direct"));
    expect(await bodyText(BUCKET, "seed/direct.txt")).toBe("direct");
    expect(server.getObject(BUCKET, "seed/direct.txt")?.toString()).toBe("direct");
  });

  it("keeps keys with spaces, reserved characters and non-ASCII intact", async () => {
    const key = "drops/2026 Q4/a b+c&d=e?f#g%h ü €.csv";
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: "x" }));
    expect(await bodyText(BUCKET, key)).toBe("x");
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "drops/2026 Q4/" }));
    expect(listed.Contents?.map((c) => c.Key)).toEqual([key]);
  });

  it("accepts a streamed upload (aws-chunked with a CRC32 trailer)", async () => {
    const parts = ["deal_unique_id,value\n", "D-1,100\n", "D-2,200\n"];
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: "streamed.csv",
        Body: Readable.from(parts.map((p) => Buffer.from(p))),
        ContentLength: parts.join("").length,
      }),
    );
    expect(put.ETag).toBe(`"${md5(parts.join(""))}"`);
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "streamed.csv", ChecksumMode: "ENABLED" }));
    expect(got.ChecksumCRC32).toBeDefined();
    // aws-chunked is transfer framing and must not leak into the stored object.
    expect(got.ContentEncoding).toBeUndefined();
    expect(await got.Body!.transformToString()).toBe(parts.join(""));
  });

  it("keeps the same ETag for the same content and changes it with the content", async () => {
    const first = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "etag.csv", Body: "a,b\n1,2\n" }));
    const again = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "etag.csv", Body: "a,b\n1,2\n" }));
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "etag.csv" }));
    expect(again.ETag).toBe(first.ETag);
    expect(head.ETag).toBe(first.ETag);
    const changed = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "etag.csv", Body: "a,b\n1,3\n" }));
    expect(changed.ETag).not.toBe(first.ETag);
  });

  it("HeadObject returns size and ETag without a body, 404 NotFound when missing", async () => {
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "seed/hello.txt" }));
    expect(head.ContentLength).toBe(5);
    expect(head.ETag).toBe(`"${md5("hello")}"`);
    expect(await s3Failure(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "missing.csv" })))).toMatchObject({
      name: "NotFound",
      status: 404,
    });
  });

  it("GetObject: NoSuchKey for a missing key, NoSuchBucket for a missing bucket", async () => {
    const noKey = await s3Failure(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "missing.csv" })));
    expect(noKey).toMatchObject({ name: "NoSuchKey", status: 404, message: "The specified key does not exist." });
    expect(noKey.error).toMatchObject({ Key: "missing.csv" });
    const noBucket = await s3Failure(s3.send(new GetObjectCommand({ Bucket: "nope-bucket", Key: "a" })));
    expect(noBucket).toMatchObject({ name: "NoSuchBucket", status: 404, message: "The specified bucket does not exist" });
    expect(noBucket.error).toMatchObject({ BucketName: "nope-bucket" });
  });

  it("PutObject into a missing bucket is NoSuchBucket", async () => {
    const failure = await s3Failure(s3.send(new PutObjectCommand({ Bucket: "nope-bucket", Key: "a", Body: "x" })));
    expect(failure).toMatchObject({ name: "NoSuchBucket", status: 404 });
  });

  it("PutObject with If-None-Match: * does not overwrite", async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "once.csv", Body: "v1", IfNoneMatch: "*" }));
    const failure = await s3Failure(
      s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "once.csv", Body: "v2", IfNoneMatch: "*" })),
    );
    expect(failure).toMatchObject({ name: "PreconditionFailed", status: 412 });
    expect(await bodyText(BUCKET, "once.csv")).toBe("v1");
  });
});

describe("range reads", () => {
  const content = "0123456789abcdefghij";
  beforeAll(() => {
    server.putObject(BUCKET, "range.txt", content);
  });

  it.each([
    ["bytes=0-9", "0123456789", "bytes 0-9/20"],
    ["bytes=15-", "fghij", "bytes 15-19/20"],
    ["bytes=-4", "ghij", "bytes 16-19/20"],
    ["bytes=18-100", "ij", "bytes 18-19/20"],
  ])("%s", async (range, expected, contentRange) => {
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "range.txt", Range: range }));
    expect(got.$metadata.httpStatusCode).toBe(206);
    expect(got.ContentRange).toBe(contentRange);
    expect(got.ContentLength).toBe(expected.length);
    expect(await got.Body!.transformToString()).toBe(expected);
  });

  it("answers an unsatisfiable range with 416 InvalidRange", async () => {
    const failure = await s3Failure(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "range.txt", Range: "bytes=20-" })));
    expect(failure).toMatchObject({ name: "InvalidRange", status: 416 });
  });
});

describe("conditional GET", () => {
  it("If-None-Match with the current ETag is 304, with an old one is 200", async () => {
    const { etag } = server.putObject(BUCKET, "cond.csv", "v1");
    const notModified = await s3Failure(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "cond.csv", IfNoneMatch: etag })));
    expect(notModified.status).toBe(304);
    const fresh = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "cond.csv", IfNoneMatch: `"${md5("v0")}"` }));
    expect(await fresh.Body!.transformToString()).toBe("v1");
  });

  it("If-Match with another ETag is 412 PreconditionFailed", async () => {
    server.putObject(BUCKET, "cond2.csv", "v1");
    const failure = await s3Failure(
      s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "cond2.csv", IfMatch: `"${md5("other")}"` })),
    );
    expect(failure).toMatchObject({ name: "PreconditionFailed", status: 412 });
  });

  it("If-Modified-Since after the last change is 304", async () => {
    const { lastModified } = server.putObject(BUCKET, "cond3.csv", "v1");
    const failure = await s3Failure(
      s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "cond3.csv", IfModifiedSince: lastModified })),
    );
    expect(failure.status).toBe(304);
  });
});

describe("ListObjectsV2", () => {
  const bucket = "listing";
  const keys = ["a/1.csv", "a/2.csv", "a/3.csv", "b/1.csv", "b/deep/2.csv", "c.csv", "d/1.csv", "e.csv"];
  beforeAll(() => {
    for (const key of keys) server.putObject(bucket, key, key);
  });

  it("lists everything in key order with sizes and ETags", async () => {
    const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(out.Contents?.map((c) => c.Key)).toEqual(keys);
    expect(out.KeyCount).toBe(keys.length);
    expect(out.IsTruncated).toBe(false);
    expect(out.NextContinuationToken).toBeUndefined();
    expect(out.Contents![0]).toMatchObject({ Size: 7, ETag: `"${md5("a/1.csv")}"`, StorageClass: "STANDARD" });
  });

  it("filters by prefix and rolls keys up into CommonPrefixes with a delimiter", async () => {
    const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Delimiter: "/" }));
    expect(out.Contents?.map((c) => c.Key)).toEqual(["c.csv", "e.csv"]);
    expect(out.CommonPrefixes?.map((p) => p.Prefix)).toEqual(["a/", "b/", "d/"]);
    expect(out.KeyCount).toBe(5);

    const inB = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: "b/", Delimiter: "/" }));
    expect(inB.Contents?.map((c) => c.Key)).toEqual(["b/1.csv"]);
    expect(inB.CommonPrefixes?.map((p) => p.Prefix)).toEqual(["b/deep/"]);
  });

  it("pages with max-keys and continuation tokens, without gaps or repeats", async () => {
    const pages: { keys: string[]; truncated?: boolean; count?: number }[] = [];
    for await (const page of paginateListObjectsV2({ client: s3, pageSize: 3 }, { Bucket: bucket })) {
      pages.push({ keys: page.Contents?.map((c) => c.Key!) ?? [], truncated: page.IsTruncated, count: page.KeyCount });
    }
    expect(pages.map((p) => p.keys)).toEqual([keys.slice(0, 3), keys.slice(3, 6), keys.slice(6)]);
    expect(pages.map((p) => p.truncated)).toEqual([true, true, false]);
    expect(pages.map((p) => p.count)).toEqual([3, 3, 2]);
  });

  it("counts a common prefix as one key when paging and resumes after all its keys", async () => {
    const first = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Delimiter: "/", MaxKeys: 2 }));
    expect(first.CommonPrefixes?.map((p) => p.Prefix)).toEqual(["a/", "b/"]);
    expect(first.Contents).toBeUndefined();
    expect(first.IsTruncated).toBe(true);
    const second = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Delimiter: "/", MaxKeys: 2, ContinuationToken: first.NextContinuationToken }),
    );
    expect(second.Contents?.map((c) => c.Key)).toEqual(["c.csv"]);
    expect(second.CommonPrefixes?.map((p) => p.Prefix)).toEqual(["d/"]);
    expect(second.ContinuationToken).toBe(first.NextContinuationToken);
    const third = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Delimiter: "/", MaxKeys: 2, ContinuationToken: second.NextContinuationToken }),
    );
    expect(third.Contents?.map((c) => c.Key)).toEqual(["e.csv"]);
    expect(third.IsTruncated).toBe(false);
  });

  it("starts after a given key", async () => {
    const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket, StartAfter: "b/deep/2.csv" }));
    expect(out.Contents?.map((c) => c.Key)).toEqual(["c.csv", "d/1.csv", "e.csv"]);
    expect(out.StartAfter).toBe("b/deep/2.csv");
  });

  it("orders keys by UTF-8 bytes as S3 does", async () => {
    server.putObject("unicode", "\u{1F600}.csv", "");
    server.putObject("unicode", "\uFFFD.csv", "");
    server.putObject("unicode", "z.csv", "");
    const out = await s3.send(new ListObjectsV2Command({ Bucket: "unicode" }));
    expect(out.Contents?.map((c) => c.Key)).toEqual(["z.csv", "\uFFFD.csv", "\u{1F600}.csv"]);
  });

  it("rejects a forged continuation token; a missing bucket is NoSuchBucket", async () => {
    const badToken = await s3Failure(s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: "Zm9v" })));
    expect(badToken).toMatchObject({ name: "InvalidArgument", status: 400 });
    expect(await s3Failure(s3.send(new ListObjectsV2Command({ Bucket: "nope-bucket" })))).toMatchObject({
      name: "NoSuchBucket",
      status: 404,
    });
  });

  it("URL-encodes keys when asked with encoding-type=url", async () => {
    server.putObject("encoded", "a b/ü.csv", "");
    const out = await s3.send(new ListObjectsV2Command({ Bucket: "encoded", EncodingType: "url" }));
    expect(out.EncodingType).toBe("url");
    expect(out.Contents?.map((c) => c.Key)).toEqual(["a%20b%2F%C3%BC.csv"]);
  });
});

describe("CopyObject", () => {
  it("copies body, ETag, content type and metadata, across buckets too", async () => {
    await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: "tmp/deals.csv", Body: "copy me", ContentType: "text/csv", Metadata: { run: "7" } }),
    );
    const out = await s3.send(
      new CopyObjectCommand({ Bucket: "fresh-bucket", Key: "final/deals.csv", CopySource: `${BUCKET}/tmp/deals.csv` }),
    );
    expect(out.CopyObjectResult?.ETag).toBe(`"${md5("copy me")}"`);
    expect(out.CopyObjectResult?.LastModified).toBeInstanceOf(Date);
    const got = await s3.send(new GetObjectCommand({ Bucket: "fresh-bucket", Key: "final/deals.csv" }));
    expect(got.ContentType).toBe("text/csv");
    expect(got.Metadata).toEqual({ run: "7" });
    expect(await got.Body!.transformToString()).toBe("copy me");
  });

  it("decodes a URL-encoded copy source", async () => {
    server.putObject(BUCKET, "tmp/a b+ü.csv", "spaced");
    await s3.send(
      new CopyObjectCommand({ Bucket: BUCKET, Key: "copied.csv", CopySource: `${BUCKET}/${encodeURIComponent("tmp/a b+ü.csv")}` }),
    );
    expect(await bodyText(BUCKET, "copied.csv")).toBe("spaced");
  });

  it("replaces metadata with the REPLACE directive", async () => {
    server.putObject(BUCKET, "meta.csv", "m", { contentType: "text/csv", metadata: { old: "1" } });
    await s3.send(
      new CopyObjectCommand({
        Bucket: BUCKET,
        Key: "meta.csv",
        CopySource: `${BUCKET}/meta.csv`,
        MetadataDirective: "REPLACE",
        ContentType: "text/plain",
        Metadata: { fresh: "2" },
      }),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "meta.csv" }));
    expect(head.ContentType).toBe("text/plain");
    expect(head.Metadata).toEqual({ fresh: "2" });
  });

  it("refuses to copy an object onto itself unchanged, and a missing source", async () => {
    server.putObject(BUCKET, "self.csv", "s");
    const self = await s3Failure(
      s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "self.csv", CopySource: `${BUCKET}/self.csv` })),
    );
    expect(self).toMatchObject({ name: "InvalidRequest", status: 400 });
    const missing = await s3Failure(
      s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "x.csv", CopySource: `${BUCKET}/missing.csv` })),
    );
    expect(missing).toMatchObject({ name: "NoSuchKey", status: 404 });
  });
});

describe("deleting", () => {
  it("DeleteObject removes the key and succeeds for a missing key", async () => {
    server.putObject(BUCKET, "gone.csv", "g");
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: "gone.csv" }));
    expect(server.getObject(BUCKET, "gone.csv")).toBeUndefined();
    const again = await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: "gone.csv" }));
    expect(again.$metadata.httpStatusCode).toBe(204);
  });

  it("DeleteObjects removes several keys and reports them", async () => {
    for (const key of ["batch/1", "batch/2", "batch/a&b"]) server.putObject(BUCKET, key, key);
    const out = await s3.send(
      new DeleteObjectsCommand({
        Bucket: BUCKET,
        Delete: { Objects: [{ Key: "batch/1" }, { Key: "batch/a&b" }] },
      }),
    );
    expect(out.Deleted?.map((d) => d.Key)).toEqual(["batch/1", "batch/a&b"]);
    expect(server.listKeys(BUCKET, "batch/")).toEqual(["batch/2"]);
  });
});

describe("authentication", () => {
  it("accepts every configured key pair", async () => {
    const other = clientFor({ accessKeyId: "OTHERKEY", secretAccessKey: "other-secret" });
    expect(await other.send(new GetObjectCommand({ Bucket: BUCKET, Key: "seed/hello.txt" })).then((o) => o.ETag)).toBe(
      `"${md5("hello")}"`,
    );
  });

  it("rejects a wrong secret with 403 SignatureDoesNotMatch", async () => {
    const wrong = clientFor({ accessKeyId: CREDENTIALS.accessKeyId, secretAccessKey: "not-the-secret" });
    const failure = await s3Failure(wrong.send(new ListObjectsV2Command({ Bucket: BUCKET })));
    expect(failure).toMatchObject({ name: "SignatureDoesNotMatch", status: 403 });
    expect(failure.error).toMatchObject({ AWSAccessKeyId: CREDENTIALS.accessKeyId });
  });

  it("rejects a wrong secret on uploads too, and stores nothing", async () => {
    const wrong = clientFor({ accessKeyId: CREDENTIALS.accessKeyId, secretAccessKey: "not-the-secret" });
    const failure = await s3Failure(wrong.send(new PutObjectCommand({ Bucket: BUCKET, Key: "forged.csv", Body: "x" })));
    expect(failure).toMatchObject({ name: "SignatureDoesNotMatch", status: 403 });
    expect(server.getObject(BUCKET, "forged.csv")).toBeUndefined();
  });

  it("rejects an unknown access key id with 403 InvalidAccessKeyId", async () => {
    const unknown = clientFor({ accessKeyId: "NOSUCHKEY", secretAccessKey: "test-secret" });
    const failure = await s3Failure(unknown.send(new GetObjectCommand({ Bucket: BUCKET, Key: "seed/hello.txt" })));
    expect(failure).toMatchObject({
      name: "InvalidAccessKeyId",
      status: 403,
      message: "The AWS Access Key Id you provided does not exist in our records.",
    });
  });

  it("rejects a signature for another region with AuthorizationHeaderMalformed", async () => {
    const failure = await s3Failure(clientFor(CREDENTIALS, "eu-west-1").send(new ListBucketsCommand({})));
    expect(failure).toMatchObject({ name: "AuthorizationHeaderMalformed", status: 400 });
    expect(failure.message).toContain("'eu-west-1' is wrong; expecting 'us-east-1'");
  });
});

describe("large objects", () => {
  it("round-trips 20 MB and streams it back in many chunks", async () => {
    const size = 20 * 1024 * 1024;
    const body = randomBytes(size);
    const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "big.bin", Body: body }));
    expect(put.ETag).toBe(`"${md5(body)}"`);

    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "big.bin" }));
    expect(got.ContentLength).toBe(size);
    const hash = createHash("md5");
    let received = 0;
    let chunks = 0;
    for await (const chunk of got.Body as Readable) {
      hash.update(chunk as Buffer);
      received += (chunk as Buffer).length;
      chunks++;
    }
    expect(received).toBe(size);
    expect(chunks).toBeGreaterThan(10);
    expect(`"${hash.digest("hex")}"`).toBe(put.ETag);
  });
});

describe("fault injection", () => {
  beforeEach(() => {
    server.putObject(BUCKET, "faulty.csv", "a".repeat(100_000));
  });

  it("failNext: one 500 is retried by the SDK and the request succeeds", async () => {
    const before = server.requests.length;
    server.failNext({ operation: "GetObject", key: "faulty.csv" });
    expect((await bodyText(BUCKET, "faulty.csv")).length).toBe(100_000);
    const seen = server.requests.slice(before).filter((r) => r.key === "faulty.csv");
    expect(seen.map((r) => r.status)).toEqual([500, 200]);
  });

  it("failNext: the error reaches a caller that does not retry, with its code; later requests succeed", async () => {
    const noRetry = new S3Client({ endpoint: server.endpoint, forcePathStyle: true, region: "us-east-1", credentials: CREDENTIALS, maxAttempts: 1 });
    server.failNext({ operation: "GetObject", key: "faulty.csv", status: 503, code: "SlowDown", message: "Please reduce your request rate." });
    const failure = await s3Failure(noRetry.send(new GetObjectCommand({ Bucket: BUCKET, Key: "faulty.csv" })));
    expect(failure).toMatchObject({ name: "SlowDown", status: 503, message: "Please reduce your request rate." });
    const again = await noRetry.send(new GetObjectCommand({ Bucket: BUCKET, Key: "faulty.csv" }));
    expect(await again.Body!.transformToString()).toHaveLength(100_000);
    noRetry.destroy();
  });

  it("failNext with times: the SDK's three attempts all fail", async () => {
    const before = server.requests.length;
    server.failNext({ operation: "HeadObject", key: "faulty.csv", times: 3 });
    expect(await s3Failure(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "faulty.csv" })))).toMatchObject({ status: 500 });
    expect(server.requests.slice(before).map((r) => r.status)).toEqual([500, 500, 500]);
    expect((await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "faulty.csv" }))).ContentLength).toBe(100_000);
  });

  it("failNext only affects matching requests", async () => {
    server.failNext({ operation: "PutObject", status: 403, code: "AccessDenied", message: "Access Denied" });
    expect(await bodyText(BUCKET, "faulty.csv")).toHaveLength(100_000);
    const failure = await s3Failure(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "p.csv", Body: "x" })));
    expect(failure).toMatchObject({ name: "AccessDenied", status: 403 });
  });

  it("cutNextBody: the body stream fails midway, the next read is whole", async () => {
    server.cutNextBody({ key: "faulty.csv", afterBytes: 30_000 });
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "faulty.csv" }));
    expect(got.ContentLength).toBe(100_000);
    let received = 0;
    const read = (async () => {
      for await (const chunk of got.Body as Readable) received += (chunk as Buffer).length;
    })();
    await expect(read).rejects.toThrow();
    expect(received).toBeLessThanOrEqual(30_000);
    expect(await bodyText(BUCKET, "faulty.csv")).toHaveLength(100_000);
  });

  it("cutNextBody with hold: the body stalls after the first bytes until the reader gives up; the next read is whole", async () => {
    let held = 0;
    server.cutNextBody({ key: "faulty.csv", afterBytes: 30_000, hold: true, onHold: () => held++ });
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "faulty.csv" }));
    let received = 0;
    const body = got.Body as Readable;
    const read = (async () => {
      for await (const chunk of body) received += (chunk as Buffer).length;
    })();
    read.catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received).toBe(30_000);
    expect(held).toBe(1);
    body.destroy();
    expect(await bodyText(BUCKET, "faulty.csv")).toHaveLength(100_000);
  });
});
