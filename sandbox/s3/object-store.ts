// The sandbox's buckets and objects, in memory, with S3's listing semantics.
import { md5Hex, type ObjectChecksum } from "./checksums";
import { s3Errors } from "./errors";

export interface ObjectAttributes {
  contentType?: string;
  contentEncoding?: string;
  contentDisposition?: string;
  cacheControl?: string;
  /** x-amz-meta-* values, keyed by the name after the prefix (lower case). */
  metadata?: Record<string, string>;
  checksum?: ObjectChecksum;
}

export interface StoredObject extends ObjectAttributes {
  body: Buffer;
  /** Quoted MD5 hex, as S3 returns it for single-part uploads. */
  etag: string;
  /** Whole seconds: S3 keeps and compares modification times at that precision. */
  lastModified: Date;
  contentType: string;
  metadata: Record<string, string>;
}

interface Bucket {
  createdAt: Date;
  objects: Map<string, StoredObject>;
}

export interface ListObjectsParams {
  prefix: string;
  delimiter?: string;
  maxKeys: number;
  /** List keys strictly after this one (from start-after or a continuation token). */
  after?: string;
}

export interface ListObjectsPage {
  contents: { key: string; object: StoredObject }[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last key this page accounts for (a key, or the last key under a common prefix). */
  lastKey?: string;
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const MAX_KEY_BYTES = 1024;
/** What S3 stores when an upload names no Content-Type. */
export const DEFAULT_CONTENT_TYPE = "binary/octet-stream";

function wholeSecondsNow(): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000);
}

/** S3 orders keys by their UTF-8 bytes, which differs from JS string order outside the BMP. */
function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

export class ObjectStore {
  private readonly buckets = new Map<string, Bucket>();

  createBucket(name: string): void {
    if (!BUCKET_NAME.test(name) || name.includes("..") || /^\d+\.\d+\.\d+\.\d+$/.test(name)) {
      throw s3Errors.invalidBucketName(name);
    }
    if (this.buckets.has(name)) throw s3Errors.bucketAlreadyOwnedByYou(name);
    this.buckets.set(name, { createdAt: wholeSecondsNow(), objects: new Map() });
  }

  hasBucket(name: string): boolean {
    return this.buckets.has(name);
  }

  listBuckets(): { name: string; createdAt: Date }[] {
    return [...this.buckets]
      .map(([name, bucket]) => ({ name, createdAt: bucket.createdAt }))
      .sort((a, b) => compareKeys(a.name, b.name));
  }

  private bucket(name: string): Bucket {
    const bucket = this.buckets.get(name);
    if (!bucket) throw s3Errors.noSuchBucket(name);
    return bucket;
  }

  putObject(bucketName: string, key: string, body: Buffer, attributes: ObjectAttributes = {}): StoredObject {
    const bucket = this.bucket(bucketName);
    if (Buffer.byteLength(key, "utf8") > MAX_KEY_BYTES) throw s3Errors.keyTooLong();
    const stored: StoredObject = {
      ...attributes,
      body,
      etag: `"${md5Hex(body)}"`,
      lastModified: wholeSecondsNow(),
      contentType: attributes.contentType ?? DEFAULT_CONTENT_TYPE,
      metadata: attributes.metadata ?? {},
    };
    bucket.objects.set(key, stored);
    return stored;
  }

  /** The object, or undefined; throws NoSuchBucket. */
  findObject(bucketName: string, key: string): StoredObject | undefined {
    return this.bucket(bucketName).objects.get(key);
  }

  getObject(bucketName: string, key: string): StoredObject {
    const object = this.findObject(bucketName, key);
    if (!object) throw s3Errors.noSuchKey(key);
    return object;
  }

  deleteObject(bucketName: string, key: string): void {
    this.bucket(bucketName).objects.delete(key);
  }

  listObjects(bucketName: string, params: ListObjectsParams): ListObjectsPage {
    const { prefix, delimiter, maxKeys, after } = params;
    const keys = [...this.bucket(bucketName).objects.keys()]
      .filter((key) => key.startsWith(prefix) && (after === undefined || compareKeys(key, after) > 0))
      .sort(compareKeys);

    const page: ListObjectsPage = { contents: [], commonPrefixes: [], isTruncated: false };
    for (let i = 0; i < keys.length; ) {
      if (page.contents.length + page.commonPrefixes.length >= maxKeys) {
        page.isTruncated = true;
        break;
      }
      const key = keys[i];
      const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
      if (!delimiter || cut === -1) {
        page.contents.push({ key, object: this.getObject(bucketName, key) });
        page.lastKey = key;
        i++;
        continue;
      }
      // Every key sharing this prefix rolls up into one CommonPrefixes entry.
      const commonPrefix = key.slice(0, cut + delimiter.length);
      page.commonPrefixes.push(commonPrefix);
      while (i < keys.length && keys[i].startsWith(commonPrefix)) page.lastKey = keys[i++];
    }
    return page;
  }
}
