// What the sandbox S3 server puts on the wire, checked with hand-signed requests:
// exact XML bodies, and requests the SDK never sends (signed aws-chunked uploads,
// skewed clocks, tampered payloads, missing auth).
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedFetch, signS3Request, startS3Server, type S3Credentials, type S3Server } from "./index";
import { chunkStringToSign, sha256Hex, signHex } from "./sigv4";

const CREDENTIALS: S3Credentials = { accessKeyId: "WIREKEY", secretAccessKey: "wire-secret" };
let server: S3Server;

const request = (r: Parameters<typeof signedFetch>[2]) => signedFetch(server.endpoint, CREDENTIALS, r);

function md5(body: string): string {
  return createHash("md5").update(body).digest("hex");
}

beforeAll(async () => {
  server = await startS3Server({ credentials: [CREDENTIALS], buckets: { wire: {} } });
});

afterAll(() => server.stop());

describe("XML bodies", () => {
  it("ListObjectsV2 with a delimiter and a truncated page", async () => {
    const a = server.putObject("wire", "list/a&b.csv", "one");
    server.putObject("wire", "list/sub/x.csv", "two");
    server.putObject("wire", "list/z.csv", "three");
    const res = await request({ method: "GET", path: "/wire", query: "list-type=2&prefix=list%2F&delimiter=%2F&max-keys=2" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/xml");
    const xml = await res.text();
    const token = /<NextContinuationToken>(.*?)<\/NextContinuationToken>/.exec(xml)?.[1];
    expect(token).toBeTruthy();
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
        "<Name>wire</Name><Prefix>list/</Prefix>" +
        `<NextContinuationToken>${token}</NextContinuationToken>` +
        "<KeyCount>2</KeyCount><MaxKeys>2</MaxKeys><Delimiter>/</Delimiter><IsTruncated>true</IsTruncated>" +
        `<Contents><Key>list/a&amp;b.csv</Key><LastModified>${a.lastModified.toISOString()}</LastModified>` +
        `<ETag>&quot;${md5("one")}&quot;</ETag><Size>3</Size><StorageClass>STANDARD</StorageClass></Contents>` +
        "<CommonPrefixes><Prefix>list/sub/</Prefix></CommonPrefixes>" +
        "</ListBucketResult>",
    );
    expect(a.lastModified.getMilliseconds()).toBe(0);
  });

  it("errors carry Code, Message, the resource, RequestId and HostId", async () => {
    const res = await request({ method: "GET", path: "/wire/missing.csv" });
    expect(res.status).toBe(404);
    const requestId = res.headers.get("x-amz-request-id");
    expect(requestId).toMatch(/^[0-9A-F]{16}$/);
    expect(await res.text()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>" +
        `<Key>missing.csv</Key><RequestId>${requestId}</RequestId><HostId>${res.headers.get("x-amz-id-2")}</HostId></Error>`,
    );
  });

  it("SignatureDoesNotMatch shows the canonical request the server computed", async () => {
    const res = await signedFetch(server.endpoint, { ...CREDENTIALS, secretAccessKey: "wrong" }, { method: "GET", path: "/wire/x" });
    expect(res.status).toBe(403);
    const xml = await res.text();
    expect(xml).toContain("<Code>SignatureDoesNotMatch</Code>");
    expect(xml).toContain("<CanonicalRequest>GET\n/wire/x\n\nhost:");
    expect(xml).toContain("<StringToSign>AWS4-HMAC-SHA256\n");
  });

  it("HEAD errors have a status and no body", async () => {
    const res = await request({ method: "HEAD", path: "/wire/missing.csv" });
    expect(res.status).toBe(404);
    expect(await res.text()).toBe("");
  });
});

describe("authentication on the wire", () => {
  it("an unsigned request is 403 AccessDenied", async () => {
    const res = await fetch(`${server.endpoint}/wire?list-type=2`);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("<Code>AccessDenied</Code><Message>Access Denied</Message>");
  });

  it("a request signed 20 minutes ago is 403 RequestTimeTooSkewed", async () => {
    const res = await request({ method: "GET", path: "/wire", query: "list-type=2", date: new Date(Date.now() - 20 * 60_000) });
    expect(res.status).toBe(403);
    const xml = await res.text();
    expect(xml).toContain("<Code>RequestTimeTooSkewed</Code>");
    expect(xml).toContain("<MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds>");
  });

  it("a body that does not match x-amz-content-sha256 is rejected and not stored", async () => {
    const res = await request({ method: "PUT", path: "/wire/tampered.csv", body: "tampered", payloadHash: sha256Hex("original") });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("<Code>XAmzContentSHA256Mismatch</Code>");
    expect(server.getObject("wire", "tampered.csv")).toBeUndefined();
  });

  it("UNSIGNED-PAYLOAD uploads are accepted", async () => {
    const res = await request({ method: "PUT", path: "/wire/unsigned.csv", body: "free", payloadHash: "UNSIGNED-PAYLOAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe(`"${md5("free")}"`);
  });

  it("x-amz-* headers left out of the signature are refused", async () => {
    const { headers } = signS3Request(server.endpoint, CREDENTIALS, { method: "GET", path: "/wire/x" });
    delete headers.host;
    const res = await fetch(`${server.endpoint}/wire/x`, { headers: { ...headers, "x-amz-meta-sneaky": "1" } });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("<HeadersNotSigned>x-amz-meta-sneaky</HeadersNotSigned>");
  });

  it("a wrong Content-MD5 is 400 BadDigest", async () => {
    const res = await request({
      method: "PUT",
      path: "/wire/md5.csv",
      body: "data",
      headers: { "content-md5": createHash("md5").update("other").digest("base64") },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("<Code>BadDigest</Code>");
  });

  function signedChunkedUpload(key: string, chunks: string[], tamper: boolean) {
    const decodedLength = chunks.join("").length;
    const signed = signS3Request(server.endpoint, CREDENTIALS, {
      method: "PUT",
      path: `/wire/${key}`,
      payloadHash: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
      headers: { "content-encoding": "aws-chunked", "x-amz-decoded-content-length": String(decodedLength) },
    });
    let previous = signed.signature;
    const parts: string[] = [];
    for (const chunk of [...chunks, ""]) {
      previous = signHex(signed.signingKey, chunkStringToSign(signed.amzDate, signed.scope, previous, Buffer.from(chunk)));
      const sent = tamper && chunk ? chunk.toUpperCase() : chunk;
      parts.push(`${chunk.length.toString(16)};chunk-signature=${previous}\r\n${sent}\r\n`);
    }
    delete signed.headers.host;
    return fetch(`${server.endpoint}/wire/${key}`, { method: "PUT", headers: signed.headers, body: parts.join("") });
  }

  it("verifies signed aws-chunked uploads (STREAMING-AWS4-HMAC-SHA256-PAYLOAD)", async () => {
    const ok = await signedChunkedUpload("chunked.csv", ["deal_unique_id\n", "D-1\n"], false);
    expect(ok.status).toBe(200);
    expect(server.getObject("wire", "chunked.csv")?.toString()).toBe("deal_unique_id\nD-1\n");

    const forged = await signedChunkedUpload("forged.csv", ["deal_unique_id\n", "D-1\n"], true);
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain("<Code>SignatureDoesNotMatch</Code>");
    expect(server.getObject("wire", "forged.csv")).toBeUndefined();
  });
});

describe("requests outside the supported API", () => {
  it("ListObjects version 1 and unknown subresources are 501 NotImplemented", async () => {
    const v1 = await request({ method: "GET", path: "/wire" });
    expect(v1.status).toBe(501);
    const acl = await request({ method: "GET", path: "/wire/x", query: "acl=" });
    expect(acl.status).toBe(501);
    expect(await acl.text()).toContain("The &apos;acl&apos; parameter is not supported");
  });

  it("a non-numeric max-keys is 400 InvalidArgument", async () => {
    const res = await request({ method: "GET", path: "/wire", query: "list-type=2&max-keys=ten" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("<ArgumentName>max-keys</ArgumentName>");
  });

  it("records every request with its operation and status", async () => {
    const before = server.requests.length;
    await request({ method: "GET", path: "/wire/missing.csv" });
    expect(server.requests.slice(before)).toEqual([{ operation: "GetObject", bucket: "wire", key: "missing.csv", status: 404 }]);
  });
});
