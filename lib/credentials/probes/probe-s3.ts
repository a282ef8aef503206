// S3 (and GCS interoperability): list at most one key of the bucket with the key pair.
import "server-only";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import type { CheckedTransport } from "@/lib/net/checked-transport";
import { describeNetworkError, PROBE_TIMEOUT_MS, type ProbeResult } from "./probe-result";

export type S3Probe = {
  /** Undefined: AWS's own endpoint for the region. */
  endpoint?: string;
  region: string;
  bucket: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  transport: CheckedTransport;
};

// Our own words per S3 error code: the SDK's messages can quote the request (AWS's
// SignatureDoesNotMatch includes the access key id and the string to sign).
const S3_ERRORS: Record<string, string> = {
  InvalidAccessKeyId: "the access key id is not known to the server",
  SignatureDoesNotMatch: "the secret access key does not match the access key id",
  AccessDenied: "the key pair is valid but may not list this bucket",
  NoSuchBucket: "the bucket does not exist",
  InvalidBucketName: "the bucket name is not valid",
  PermanentRedirect: "the bucket is in another region; set that region",
  AuthorizationHeaderMalformed: "the region does not match the bucket's region",
  ExpiredToken: "the session token has expired",
  InvalidToken: "the session token is not valid",
};

export async function probeS3(probe: S3Probe): Promise<ProbeResult> {
  const client = new S3Client({
    endpoint: probe.endpoint,
    // Custom endpoints (MinIO, GCS, the sandbox) address buckets by path.
    forcePathStyle: probe.endpoint !== undefined,
    region: probe.region,
    credentials: probe.credentials,
    requestHandler: probe.transport.s3RequestHandler,
    maxAttempts: 1,
  });
  const where = probe.endpoint ?? `https://s3.${probe.region}.amazonaws.com`;
  try {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: probe.bucket, MaxKeys: 1 }), {
      abortSignal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    const some = (listed.KeyCount ?? 0) > 0 ? "and found objects" : "(it is empty)";
    return { ok: true, status: 200, message: `Connected: listed bucket "${probe.bucket}" ${some}` };
  } catch (err) {
    const e = err as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
    const status = e.$metadata?.httpStatusCode ?? null;
    const code = e.Code ?? e.name ?? "";
    if (status === null) return { ok: false, status: null, message: describeNetworkError(err, where) };
    const explained = S3_ERRORS[code];
    return {
      ok: false,
      status,
      message: explained ? `S3 refused: ${explained} (${code}, HTTP ${status})` : `S3 answered HTTP ${status}${/^[A-Za-z]+$/.test(code) ? ` (${code})` : ""}`,
    };
  } finally {
    client.destroy();
  }
}
