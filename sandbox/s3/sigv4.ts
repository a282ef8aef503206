// AWS Signature Version 4 as S3 checks it: parse the Authorization header,
// rebuild the canonical request from what arrived, and recompute the signature.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { s3Errors } from "./errors";

export const SIGV4_ALGORITHM = "AWS4-HMAC-SHA256";
export const EMPTY_SHA256 = sha256Hex("");

export interface ParsedAuthorization {
  accessKeyId: string;
  /** yyyymmdd from the credential scope. */
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** A request as seen on the wire, enough to rebuild its canonical form. */
export interface SignedRequest {
  method: string;
  /** The path as sent, still percent-encoded, without the query. */
  rawPath: string;
  /** The query string as sent, without the leading "?". */
  rawQuery: string;
  /** Lower-case header names; repeated headers as several values. */
  headers: Record<string, string[] | undefined>;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

/** RFC 3986 encoding as SigV4 requires: everything but A-Z a-z 0-9 - _ . ~ is escaped. */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function parseAuthorizationHeader(header: string): ParsedAuthorization {
  const space = header.indexOf(" ");
  const algorithm = space === -1 ? header : header.slice(0, space);
  if (algorithm !== SIGV4_ALGORITHM) {
    throw s3Errors.invalidRequest(
      "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.",
    );
  }
  const fields = new Map<string, string>();
  for (const part of header.slice(space + 1).split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (!credential || !signedHeaders || !signature) {
    throw s3Errors.authorizationHeaderMalformed("expecting Credential, SignedHeaders and Signature");
  }
  const scope = credential.split("/");
  if (scope.length !== 5 || scope[4] !== "aws4_request") {
    throw s3Errors.authorizationHeaderMalformed(`incorrect credential "${credential}"`);
  }
  const [accessKeyId, date, region, service] = scope;
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(";"), signature };
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw s3Errors.invalidUri();
  }
}

/** S3 does not normalise paths ("//", "." stay); each segment is decoded and re-encoded. */
export function canonicalPath(rawPath: string): string {
  return rawPath.split("/").map((segment) => uriEncode(decodePathSegment(segment))).join("/");
}

/** Query parameters decoded (a "+" stays a "+", as in SigV4), in order of appearance. */
export function parseQuery(rawQuery: string): [string, string][] {
  return rawQuery
    .split("&")
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf("=");
      const name = eq === -1 ? pair : pair.slice(0, eq);
      const value = eq === -1 ? "" : pair.slice(eq + 1);
      return [decodePathSegment(name), decodePathSegment(value)];
    });
}

export function canonicalQuery(rawQuery: string): string {
  return parseQuery(rawQuery)
    .map(([name, value]) => [uriEncode(name), uriEncode(value)])
    .sort(([a, av], [b, bv]) => (a === b ? compareAscii(av, bv) : compareAscii(a, b)))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

function compareAscii(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function canonicalHeaderValue(values: string[] | undefined): string {
  return (values ?? []).map((value) => value.trim().replace(/\s+/g, " ")).join(",");
}

export function canonicalRequest(request: SignedRequest, signedHeaders: string[], payloadHash: string): string {
  return [
    request.method,
    canonicalPath(request.rawPath),
    canonicalQuery(request.rawQuery),
    signedHeaders.map((name) => `${name}:${canonicalHeaderValue(request.headers[name])}\n`).join(""),
    signedHeaders.join(";"),
    payloadHash,
  ].join("\n");
}

export function credentialScope(date: string, region: string, service: string): string {
  return `${date}/${region}/${service}/aws4_request`;
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return [SIGV4_ALGORITHM, amzDate, scope, sha256Hex(canonical)].join("\n");
}

export function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const dateKey = hmac(`AWS4${secretAccessKey}`, date);
  return hmac(hmac(hmac(dateKey, region), service), "aws4_request");
}

export function signHex(key: Buffer, data: string): string {
  return hmac(key, data).toString("hex");
}

export function signaturesEqual(expected: string, provided: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(provided);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** String to sign of one aws-chunked chunk; each chunk chains on the previous signature. */
export function chunkStringToSign(amzDate: string, scope: string, previousSignature: string, chunk: Buffer): string {
  return ["AWS4-HMAC-SHA256-PAYLOAD", amzDate, scope, previousSignature, EMPTY_SHA256, sha256Hex(chunk)].join("\n");
}

/** String to sign of the trailing headers after the last aws-chunked chunk. */
export function trailerStringToSign(amzDate: string, scope: string, previousSignature: string, trailer: string): string {
  return ["AWS4-HMAC-SHA256-TRAILER", amzDate, scope, previousSignature, sha256Hex(trailer)].join("\n");
}
