// What every snapshot destination that overwrites files in an S3-compatible bucket shares
// (Jointflows' CSV drop, Dreamdata's NDJSON dump): the bucket settings, the client, keeping
// the latest payload per key, and the atomic write. Each file goes to a temporary key
// first and is then copied over the real name, so a reader never sees a half-written file.
import "server-only";
import { randomUUID } from "node:crypto";
import { CopyObjectCommand, DeleteObjectsCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { z } from "zod";
import type { CheckedTransport } from "@/lib/net/checked-transport";
import { describeS3Error } from "@/lib/net/describe-s3-error";
import { optionalText } from "./mapping-lines";

/** Bucket settings, spread into each destination's config schema. */
export const s3DropConfigFields = {
  /** Empty: AWS S3 for the region. Any S3-compatible endpoint otherwise (path-style addressing). */
  endpoint: optionalText(2048).pipe(z.url({ protocol: /^https?$/ }).optional()),
  region: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^[a-z0-9-]+$/, "region looks like us-east-1").default("us-east-1")),
  bucket: z.string().trim().min(3, "bucket is required").max(63),
  /** Folder inside the bucket, e.g. "dealport/". */
  prefix: z.preprocess((v) => (typeof v === "string" ? v.trim().replace(/^\/+/, "") : v), z.string().max(500).default("")),
};

export type S3DropConfig = { endpoint?: string; region: string; bucket: string; prefix: string };
export type S3KeyPair = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
export type DropFile = { name: string; body: string | Uint8Array; contentType: string; contentEncoding?: string };

/** The prefix as a folder: "" or ending in "/". */
export function dropFolder(prefix: string) {
  return prefix && !prefix.endsWith("/") ? `${prefix}/` : prefix;
}

/** Later items win: a deal pushed again replaces its earlier entry. */
export function latestByKey<T>(items: Iterable<T>, keyOf: (item: T) => string): T[] {
  const latest = new Map<string, T>();
  for (const item of items) latest.set(keyOf(item), item);
  return [...latest.values()];
}

export function s3ClientFor(config: S3DropConfig, credentials: S3KeyPair, transport: CheckedTransport) {
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
