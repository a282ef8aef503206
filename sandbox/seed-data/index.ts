// The committed sample files (written by generate.ts) and a loader that puts
// them into any S3-compatible server: the sandbox's own, or a real one.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CreateBucketCommand, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";

export const DEMO_BUCKET = "dealport-demo";
export const SEED_DATA_DIR = path.dirname(fileURLToPath(import.meta.url));

/** Object keys in the bucket; each is also the file's path under SEED_DATA_DIR. */
export const SEED_OBJECT_KEYS = [
  "jointflows/deals.csv",
  "jointflows/accounts.csv",
  "jointflows/contacts.csv",
  "jointflows-v2/deals.csv",
  "jointflows-v2/accounts.csv",
  "jointflows-v2/contacts.csv",
  "jointflows-inline/deals.csv",
  "dreamdata/stages.ndjson.gz",
  "dreamdata/stages.csv",
] as const;

export interface S3Target {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Default us-east-1. */
  region?: string;
  /** Default DEMO_BUCKET; created when missing. */
  bucket?: string;
}

export interface UploadedSeedObject {
  key: string;
  etag: string;
  size: number;
}

function contentType(key: string): string {
  // Gzipped NDJSON is stored as a gzip file (no Content-Encoding), as Dreamdata's dumps are.
  return key.endsWith(".gz") ? "application/gzip" : "text/csv; charset=utf-8";
}

/** Uploads every sample file under its key (path-style addressing) and returns what was stored. */
export async function uploadSeedData(target: S3Target): Promise<UploadedSeedObject[]> {
  const bucket = target.bucket ?? DEMO_BUCKET;
  const client = new S3Client({
    endpoint: target.endpoint,
    region: target.region ?? "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey },
  });
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket })).catch((error: unknown) => {
      if (!(error instanceof S3ServiceException && error.name === "BucketAlreadyOwnedByYou")) throw error;
    });
    const uploaded: UploadedSeedObject[] = [];
    for (const key of SEED_OBJECT_KEYS) {
      const body = await readFile(path.join(SEED_DATA_DIR, key));
      const out = await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType(key) }),
      );
      uploaded.push({ key, etag: out.ETag ?? "", size: body.length });
    }
    return uploaded;
  } finally {
    client.destroy();
  }
}
