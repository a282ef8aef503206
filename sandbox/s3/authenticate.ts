// Request authentication the way S3 does it: SigV4 in the Authorization header,
// then the payload checked against x-amz-content-sha256 (a hash, UNSIGNED-PAYLOAD,
// or an aws-chunked stream whose chunks may be signed too).
import { decodeAwsChunked, type ChunkSigning } from "./aws-chunked";
import { s3Errors } from "./errors";
import {
  canonicalRequest,
  credentialScope,
  parseAuthorizationHeader,
  parseQuery,
  sha256Hex,
  signaturesEqual,
  signHex,
  signingKey,
  stringToSign,
  type SignedRequest,
} from "./sigv4";

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface AuthenticatedPayload {
  accessKeyId: string;
  /** The object bytes, with any aws-chunked framing removed. */
  body: Buffer;
  /** aws-chunked trailing headers (e.g. x-amz-checksum-crc32), lower-case names. */
  trailers: Record<string, string>;
}

const MAX_SKEW_MS = 15 * 60 * 1000;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

function header(request: SignedRequest, name: string): string | undefined {
  return request.headers[name]?.join(",");
}

function parseAmzDate(value: string | undefined): Date {
  const match = value === undefined ? null : AMZ_DATE.exec(value);
  if (!match) throw s3Errors.accessDenied("AWS authentication requires a valid Date or x-amz-date header");
  const [, y, mo, d, h, mi, s] = match.map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

/**
 * Verifies the request signature and its payload; throws the S3Error AWS would answer with.
 * `now` is injectable so the clock-skew rule can be tested.
 */
export function authenticate(
  request: SignedRequest,
  rawBody: Buffer,
  credentials: ReadonlyMap<string, string>,
  region: string,
  now = new Date(),
): AuthenticatedPayload {
  const authorization = header(request, "authorization");
  if (!authorization) {
    const presigned = parseQuery(request.rawQuery).some(([name]) => name === "X-Amz-Signature");
    throw s3Errors.accessDenied(
      presigned ? "Query-string (presigned URL) authentication is not supported by this sandbox" : "Access Denied",
    );
  }
  const auth = parseAuthorizationHeader(authorization);
  const secret = credentials.get(auth.accessKeyId);
  if (secret === undefined) throw s3Errors.invalidAccessKeyId(auth.accessKeyId);

  const amzDate = header(request, "x-amz-date") ?? "";
  const requestTime = parseAmzDate(amzDate);
  if (auth.date !== amzDate.slice(0, 8)) {
    throw s3Errors.authorizationHeaderMalformed("Invalid credential date. Date is not the same as X-Amz-Date.");
  }
  if (auth.region !== region) {
    throw s3Errors.authorizationHeaderMalformed(`the region '${auth.region}' is wrong; expecting '${region}'`, {
      Region: region,
    });
  }
  if (auth.service !== "s3") {
    throw s3Errors.authorizationHeaderMalformed(`incorrect service "${auth.service}". This endpoint belongs to "s3".`);
  }
  if (Math.abs(now.getTime() - requestTime.getTime()) > MAX_SKEW_MS) {
    throw s3Errors.requestTimeTooSkewed(requestTime.toISOString(), now.toISOString());
  }
  const unsigned = Object.keys(request.headers).filter(
    (name) => name.startsWith("x-amz-") && !auth.signedHeaders.includes(name),
  );
  if (unsigned.length) {
    throw s3Errors.accessDenied("There were headers present in the request which were not signed", {
      HeadersNotSigned: unsigned.join(", "),
    });
  }
  const contentSha256 = header(request, "x-amz-content-sha256");
  if (contentSha256 === undefined) {
    throw s3Errors.invalidRequest("Missing required header for this request: x-amz-content-sha256");
  }

  const canonical = canonicalRequest(request, auth.signedHeaders, contentSha256);
  const scope = credentialScope(auth.date, auth.region, auth.service);
  const toSign = stringToSign(amzDate, scope, canonical);
  const key = signingKey(secret, auth.date, auth.region, auth.service);
  const expected = signHex(key, toSign);
  if (!signaturesEqual(expected, auth.signature)) {
    throw s3Errors.signatureDoesNotMatch({
      AWSAccessKeyId: auth.accessKeyId,
      StringToSign: toSign,
      SignatureProvided: auth.signature,
      CanonicalRequest: canonical,
    });
  }

  const signing: ChunkSigning = { signingKey: key, amzDate, scope, seedSignature: expected };
  return { accessKeyId: auth.accessKeyId, ...decodePayload(request, rawBody, contentSha256, signing) };
}

function decodePayload(
  request: SignedRequest,
  rawBody: Buffer,
  contentSha256: string,
  signing: ChunkSigning,
): { body: Buffer; trailers: Record<string, string> } {
  switch (contentSha256) {
    case "UNSIGNED-PAYLOAD":
      return { body: rawBody, trailers: {} };
    case "STREAMING-UNSIGNED-PAYLOAD-TRAILER":
      return checkDecodedLength(request, decodeAwsChunked(rawBody));
    case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD":
    case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER":
      return checkDecodedLength(request, decodeAwsChunked(rawBody, signing));
  }
  if (/^[0-9a-f]{64}$/.test(contentSha256)) {
    const computed = sha256Hex(rawBody);
    if (computed !== contentSha256) throw s3Errors.contentSha256Mismatch(contentSha256, computed);
    return { body: rawBody, trailers: {} };
  }
  if (contentSha256.startsWith("STREAMING-AWS4-ECDSA-P256-SHA256")) {
    throw s3Errors.notImplemented("SigV4a (ECDSA) signing is not supported by this sandbox");
  }
  throw s3Errors.invalidArgument(
    "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, " +
      "STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, or a valid sha256 value.",
    "x-amz-content-sha256",
    contentSha256,
  );
}

function checkDecodedLength<T extends { body: Buffer }>(request: SignedRequest, decoded: T): T {
  const declared = header(request, "x-amz-decoded-content-length");
  if (declared !== undefined && Number(declared) !== decoded.body.length) throw s3Errors.incompleteBody();
  return decoded;
}
