// What every snapshot destination that overwrites files in an S3-compatible bucket shares
// (Jointflows' CSV drop, Dreamdata's NDJSON dump): the bucket settings, the client, keeping
// the latest payload per key, and the atomic write. Each file goes to a temporary key
// first and is then copied over the real name, so a reader never sees a half-written file.
import "server-only";
import { randomUUID } from "node:crypto";
import { CopyObjectCommand, DeleteObjectsCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { CheckedTransport } from "@/lib/net/checked-transport";
import { describeS3Error } from "@/lib/net/describe-s3-error";
import { dropFolder, type S3DropConfig } from "./s3-drop-config";

export type S3KeyPair = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
type DropFile = { name: string; body: string | Uint8Array; contentType: string; contentEncoding?: string };

/** Later items win: a deal pushed again replaces its earlier entry. */
export function latestByKey<T>(items: Iterable<T>, keyOf: (item: T) => string): T[] {
  const latest = new Map<string, T>();
  for (const item of items) latest.set(keyOf(item), item);
  return [...latest.values()];
}

function s3ClientFor(config: S3DropConfig, credentials: S3KeyPair, transport: CheckedTransport) {
  return new S3Client({
    endpoint: config.endpoint,
    forcePathStyle: config.endpoint !== undefined,
    region: config.region,
    credentials,
    requestHandler: transport.s3RequestHandler,
    maxAttempts: 3,
  });
}

/** Writes `files` under the drop folder atomically; returns the folder's s3:// location. */
export async function writeDropAtomically(files: DropFile[], config: S3DropConfig, credentials: S3KeyPair, transport: CheckedTransport) {
  const folder = dropFolder(config.prefix);
  const client = s3ClientFor(config, credentials, transport);
  const tempFolder = `${folder}.dealport-tmp/${randomUUID()}/`;
  try {
    // Every file is staged before any is replaced, so a failed upload leaves the old drop whole.
    for (const file of files) {
      await client.send(
        new PutObjectCommand({ Bucket: config.bucket, Key: `${tempFolder}${file.name}`, Body: file.body, ContentType: file.contentType, ContentEncoding: file.contentEncoding }),
      );
    }
    for (const file of files) {
      const source = `${config.bucket}/${tempFolder}${file.name}`;
      await client.send(new CopyObjectCommand({ Bucket: config.bucket, Key: `${folder}${file.name}`, CopySource: source.split("/").map(encodeURIComponent).join("/") }));
    }
  } catch (error) {
    // Ends up in SyncItem.error and on the run page: never the SDK's or the server's own text.
    throw describeS3Error(error, `s3://${config.bucket}/${folder}`, config);
  } finally {
    await client
      .send(new DeleteObjectsCommand({ Bucket: config.bucket, Delete: { Objects: files.map((f) => ({ Key: `${tempFolder}${f.name}` })) } }))
      .catch(() => {});
    client.destroy();
  }
  return `s3://${config.bucket}/${folder}`;
}
