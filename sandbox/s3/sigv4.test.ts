// The signing code checked against the examples AWS publishes for S3, so a pass
// means it agrees with the real service and not merely with itself.
import { describe, expect, it } from "vitest";
import { decodeAwsChunked } from "./aws-chunked";
import { S3Error } from "./errors";
import {
  canonicalQuery,
  canonicalRequest,
  credentialScope,
  EMPTY_SHA256,
  sha256Hex,
  signHex,
  signingKey,
  stringToSign,
} from "./sigv4";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const AMZ_DATE = "20130524T000000Z";
const SCOPE = credentialScope("20130524", "us-east-1", "s3");
const KEY = signingKey(SECRET, "20130524", "us-east-1", "s3");

describe("SigV4 against AWS's published S3 examples", () => {
  it("signs the GET Object example (sig-v4-header-based-auth)", () => {
    const canonical = canonicalRequest(
      {
        method: "GET",
        rawPath: "/test.txt",
        rawQuery: "",
        headers: {
          host: ["examplebucket.s3.amazonaws.com"],
          range: ["bytes=0-9"],
          "x-amz-content-sha256": [EMPTY_SHA256],
          "x-amz-date": [AMZ_DATE],
        },
      },
      ["host", "range", "x-amz-content-sha256", "x-amz-date"],
      EMPTY_SHA256,
    );
    const toSign = stringToSign(AMZ_DATE, SCOPE, canonical);
    expect(sha256Hex(canonical)).toBe("7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
    expect(signHex(KEY, toSign)).toBe("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  });

  const SEED = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
  const CHUNK_SIGNATURES = [
    "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
    "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
    "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9",
  ];

  function exampleChunkedBody(corrupt = false): Buffer {
    const parts: Buffer[] = [];
    [65536, 1024, 0].forEach((size, i) => {
      const data = Buffer.alloc(size, "a");
      if (corrupt && size === 1024) data[10] = "b".charCodeAt(0);
      parts.push(Buffer.from(`${size.toString(16)};chunk-signature=${CHUNK_SIGNATURES[i]}\r\n`), data, Buffer.from("\r\n"));
    });
    return Buffer.concat(parts);
  }

  it("signs the streaming PUT example's headers (sigv4-streaming)", () => {
    const canonical = canonicalRequest(
      {
        method: "PUT",
        rawPath: "/examplebucket/chunkObject.txt",
        rawQuery: "",
        headers: {
          host: ["s3.amazonaws.com"],
          "x-amz-date": [AMZ_DATE],
          "x-amz-storage-class": ["REDUCED_REDUNDANCY"],
          "x-amz-content-sha256": ["STREAMING-AWS4-HMAC-SHA256-PAYLOAD"],
          "content-encoding": ["aws-chunked"],
          "x-amz-decoded-content-length": ["66560"],
          "content-length": ["66824"],
        },
      },
      [
        "content-encoding",
        "content-length",
        "host",
        "x-amz-content-sha256",
        "x-amz-date",
        "x-amz-decoded-content-length",
        "x-amz-storage-class",
      ],
      "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
    );
    expect(signHex(KEY, stringToSign(AMZ_DATE, SCOPE, canonical))).toBe(SEED);
    expect(exampleChunkedBody().length).toBe(66824);
  });

  it("verifies the example's chunk signature chain and returns the payload", () => {
    const decoded = decodeAwsChunked(exampleChunkedBody(), {
      signingKey: KEY,
      amzDate: AMZ_DATE,
      scope: SCOPE,
      seedSignature: SEED,
    });
    expect(decoded.body.equals(Buffer.alloc(66560, "a"))).toBe(true);
  });

  it("rejects a chunk whose data does not match its signature", () => {
    const signing = { signingKey: KEY, amzDate: AMZ_DATE, scope: SCOPE, seedSignature: SEED };
    expect(() => decodeAwsChunked(exampleChunkedBody(true), signing)).toThrow(
      expect.objectContaining({ code: "SignatureDoesNotMatch", status: 403 }),
    );
  });

  it("decodes the SDK's unsigned aws-chunked body with a checksum trailer", () => {
    const raw = Buffer.from("6\r\nhello \r\n5\r\nworld\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n");
    expect(decodeAwsChunked(raw)).toEqual({
      body: Buffer.from("hello world"),
      trailers: { "x-amz-checksum-crc32": "DUoRhQ==" },
    });
  });

  it("rejects a truncated aws-chunked body", () => {
    expect(() => decodeAwsChunked(Buffer.from("a\r\nhello"))).toThrow(S3Error);
  });

  it("sorts and RFC 3986-encodes the query", () => {
    expect(canonicalQuery("prefix=a%20b%2F&list-type=2&delete&continuation-token=x%2By%3D")).toBe(
      "continuation-token=x%2By%3D&delete=&list-type=2&prefix=a%20b%2F",
    );
  });
});
