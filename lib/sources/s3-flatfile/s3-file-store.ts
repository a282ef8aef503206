// Flat files in an S3 bucket prefix (or any S3-compatible store: GCS interoperability,
// MinIO, the sandbox). Listing stays at the prefix level; reads stream the GetObject
// body and pin the listed ETag (If-Match) so a file overwritten mid-import fails loudly
// instead of mixing two versions.
import "server-only";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { AppError } from "@/lib/errors";
import type { CheckedTransport } from "@/lib/net/checked-transport";
import { describeS3Error } from "@/lib/net/describe-s3-error";
import type { FileStore, StoredFile } from "../file-store";
import type { S3Location } from "../schemas";

export interface S3Access {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export function openS3FileStore(location: S3Location, access: S3Access, transport: CheckedTransport): FileStore {
  const prefix = location.prefix ?? "";
  const client = new S3Client({
    region: location.region,
    endpoint: location.endpoint,
    forcePathStyle: location.forcePathStyle ?? location.endpoint !== undefined,
    credentials: access,
    requestHandler: transport.s3RequestHandler,
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
      throw describeS3Error(error, `s3://${location.bucket}/${prefix}`, location);
    }
  }
}
