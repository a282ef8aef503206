// Hand-built SigV4 requests, for looking at what the server sends on the wire
// (raw XML, headers) and for requests the SDK never makes (signed aws-chunked
// uploads, skewed clocks, tampered payloads).
import type { S3Credentials } from "./authenticate";
import {
  canonicalRequest,
  credentialScope,
  sha256Hex,
  signHex,
  signingKey,
  stringToSign,
} from "./sigv4";

export interface RawS3Request {
  method: string;
  /** Already percent-encoded, e.g. "/bucket/a%20b.csv". */
  path: string;
  /** Already encoded, without "?". */
  query?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** x-amz-content-sha256; default the SHA-256 of the body. */
  payloadHash?: string;
  region?: string;
  /** Signing time; default now. */
  date?: Date;
}

export interface SignedHeaders {
  headers: Record<string, string>;
  signature: string;
  signingKey: Buffer;
  scope: string;
  amzDate: string;
}

export function signS3Request(endpoint: string, credentials: S3Credentials, request: RawS3Request): SignedHeaders {
  const amzDate = (request.date ?? new Date()).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const date = amzDate.slice(0, 8);
  const region = request.region ?? "us-east-1";
  const headers: Record<string, string> = {
    host: new URL(endpoint).host,
    "x-amz-date": amzDate,
    "x-amz-content-sha256": request.payloadHash ?? sha256Hex(request.body ?? ""),
  };
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  const names = Object.keys(headers).sort();
  const canonical = canonicalRequest(
    {
      method: request.method,
      rawPath: request.path,
      rawQuery: request.query ?? "",
      headers: Object.fromEntries(names.map((name) => [name, [headers[name]]])),
    },
    names,
    headers["x-amz-content-sha256"],
  );
  const scope = credentialScope(date, region, "s3");
  const key = signingKey(credentials.secretAccessKey, date, region, "s3");
  const signature = signHex(key, stringToSign(amzDate, scope, canonical));
  headers.authorization =
    `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, ` +
    `SignedHeaders=${names.join(";")}, Signature=${signature}`;
  return { headers, signature, signingKey: key, scope, amzDate };
}

export function signedFetch(endpoint: string, credentials: S3Credentials, request: RawS3Request): Promise<Response> {
  const { headers } = signS3Request(endpoint, credentials, request);
  delete headers.host;
  const url = `${endpoint}${request.path}${request.query ? `?${request.query}` : ""}`;
  const body = typeof request.body === "string" || request.body === undefined ? request.body : new Uint8Array(request.body);
  return fetch(url, { method: request.method, headers, body });
}
