// Flat files in an S3 bucket prefix (or any S3-compatible store: GCS interoperability,
// MinIO, the sandbox). Listing stays at the prefix level; reads stream the GetObject
// body and pin the listed ETag (If-Match) so a file overwritten mid-import fails loudly
// instead of mixing two versions.
import "server-only";
import { GetObjectCommand, ListObjectsV2Command, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { AppError } from "@/lib/errors";
import type { FileStore, StoredFile } from "../file-store";
import type { S3Location } from "../schemas";

export interface S3Access {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export function openS3FileStore(location: S3Location, access: S3Access): FileStore {
  const prefix = location.prefix ?? "";
  const client = new S3Client({
    region: location.region,
    endpoint: location.endpoint,
    forcePathStyle: location.forcePathStyle ?? location.endpoint !== undefined,
    credentials: access,
  });
  return {
    location: `s3://${location.bucket}/${prefix}`,

    async list(signal) {
      const files: StoredFile[] = [];
      let token: string | undefined;
      do {
        const page = await send(() =>
          client.send(new ListObjectsV2Command({ Bucket: location.bucket, Prefix: prefix, Delimiter: "/", ContinuationToken: token }), {
            abortSignal: signal,
          }),
        );
        for (const object of page.Contents ?? []) {
          if (!object.Key || object.Key.endsWith("/")) continue;
          files.push({
            key: object.Key,
            name: object.Key.slice(prefix.length),
            etag: object.ETag ? object.ETag.replace(/"/g, "") : null,
            size: object.Size ?? null,
            lastModified: object.LastModified ?? null,
          });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },

    async open(file, signal) {
      const object = await send(() =>
        client.send(new GetObjectCommand({ Bucket: location.bucket, Key: file.key, IfMatch: file.etag ? `"${file.etag}"` : undefined }), {
          abortSignal: signal,
        }),
      );
      if (!object.Body) throw new AppError("internal", `S3 returned no body for ${file.key}`);
      return object.Body as AsyncIterable<Uint8Array>;
    },

    close() {
      client.destroy();
    },
  };

  async function send<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw describeS3Error(error, location);
    }
  }
}

// Our own words per error code: SDK messages can quote the request being signed.
const EXPLAINED: Record<string, string> = {
  NoSuchBucket: "the bucket does not exist",
  AccessDenied: "the credential may not read this bucket or prefix",
  InvalidAccessKeyId: "the access key id is not known to the server",
  SignatureDoesNotMatch: "the secret access key does not match the access key id",
  PreconditionFailed: "the file was replaced while it was being read; run the import again",
  NoSuchKey: "the file disappeared while it was being read; run the import again",
  PermanentRedirect: "the bucket is in another region; set that region on the source",
  AuthorizationHeaderMalformed: "the region does not match the bucket's region",
};

function describeS3Error(error: unknown, location: S3Location): Error {
  if (error instanceof AppError) return error;
  if ((error as Error)?.name === "AbortError") return error as Error;
  const where = `s3://${location.bucket}/${location.prefix ?? ""}`;
  if (error instanceof S3ServiceException) {
    const status = error.$metadata.httpStatusCode;
    const explained = EXPLAINED[error.name];
    return new AppError("bad_request", `S3 refused (${where}): ${explained ?? error.name}${status ? ` (HTTP ${status})` : ""}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AppError("bad_request", `Could not reach S3 at ${location.endpoint ?? `region ${location.region}`} for ${where}: ${message}`);
}
