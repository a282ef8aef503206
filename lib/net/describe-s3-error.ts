// S3 failures in our own words. The SDK's messages and an S3-compatible server's error
// body can quote the request being signed (AWS's SignatureDoesNotMatch carries the
// access key id and the string to sign; other stores echo more), so only the error
// code, the HTTP status and a network error's code ever reach a person or the database.
import { S3ServiceException } from "@aws-sdk/client-s3";
import { isTransientHttpStatus } from "@/lib/classify-failure";
import { AppError, type ErrorCode } from "@/lib/errors";

const EXPLAINED: Record<string, string> = {
  NoSuchBucket: "the bucket does not exist",
  AccessDenied: "the credential may not use this bucket or prefix",
  InvalidAccessKeyId: "the access key id is not known to the server",
  SignatureDoesNotMatch: "the secret access key does not match the access key id",
  PreconditionFailed: "the file was replaced while it was being read; run the import again",
  NoSuchKey: "the file disappeared while it was being read; run the import again",
  PermanentRedirect: "the bucket is in another region; set that region",
  AuthorizationHeaderMalformed: "the region does not match the bucket's region",
  ExpiredToken: "the session token has expired",
  InvalidToken: "the session token is not valid",
};

/** `where` names the bucket and prefix (s3://bucket/prefix), `endpoint` the server (undefined: AWS in `region`). */
export function describeS3Error(error: unknown, where: string, server: { endpoint?: string; region: string }): Error {
  if (error instanceof AppError) return error;
  if ((error as Error)?.name === "AbortError") return error as Error;
  if (error instanceof S3ServiceException) {
    const status = error.$metadata.httpStatusCode;
    const code = /^[A-Za-z]{1,64}$/.test(error.name) ? error.name : "an error";
    return new AppError(s3ErrorCode(status), `S3 refused (${where}): ${EXPLAINED[error.name] ?? code}${status ? ` (HTTP ${status})` : ""}`);
  }
  const e = error as { code?: string; cause?: { code?: string } };
  const code = e?.code ?? e?.cause?.code;
  const reason =
    code === "EPRIVATEADDRESS"
      ? "it resolves to a private or loopback address, which production refuses unless an admin allows private endpoints"
      : code && /^[A-Z_]{2,40}$/.test(code)
        ? `network error ${code}`
        : "network error";
  // A refused private address is settings to fix; any other network error may pass (lib/classify-failure.ts).
  return new AppError(code === "EPRIVATEADDRESS" ? "bad_request" : "upstream_failed", `Could not reach S3 at ${server.endpoint ?? `region ${server.region}`} for ${where}: ${reason}`);
}

/** The code that keeps the answer's nature: 5xx, 429 and timeouts may pass; a refused credential or a bad request won't. */
function s3ErrorCode(status: number | undefined): ErrorCode {
  if (status === undefined || isTransientHttpStatus(status)) return "upstream_failed";
  return status === 401 || status === 403 ? "forbidden" : "bad_request";
}
