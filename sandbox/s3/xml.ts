// S3's XML bodies, element order as AWS sends them.
import type { S3Error } from "./errors";
import type { ListObjectsPage, StoredObject } from "./object-store";

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export function unescapeXml(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, entity: string) => {
    if (entity.startsWith("#x")) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[entity] ?? "";
  });
}

function element(name: string, value: string | number): string {
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export interface Owner {
  id: string;
  displayName: string;
}

function ownerXml(owner: Owner): string {
  return `<Owner>${element("ID", owner.id)}${element("DisplayName", owner.displayName)}</Owner>`;
}

export function errorXml(error: S3Error, requestId: string, hostId: string): string {
  const details = Object.entries(error.details)
    .map(([name, value]) => element(name, value))
    .join("");
  return (
    `${DECLARATION}<Error>${element("Code", error.code)}${element("Message", error.message)}${details}` +
    `${element("RequestId", requestId)}${element("HostId", hostId)}</Error>`
  );
}

export function listBucketsXml(owner: Owner, buckets: { name: string; createdAt: Date }[]): string {
  const entries = buckets
    .map((b) => `<Bucket>${element("Name", b.name)}${element("CreationDate", b.createdAt.toISOString())}</Bucket>`)
    .join("");
  return `${DECLARATION}<ListAllMyBucketsResult xmlns="${NAMESPACE}">${ownerXml(owner)}<Buckets>${entries}</Buckets></ListAllMyBucketsResult>`;
}

export interface ListObjectsV2Echo {
  bucket: string;
  prefix: string;
  delimiter?: string;
  maxKeys: number;
  startAfter?: string;
  continuationToken?: string;
  nextContinuationToken?: string;
  /** With encoding-type=url, keys and prefixes are URL-encoded in the response. */
  encodingType?: "url";
  fetchOwner: boolean;
}

export function listObjectsV2Xml(echo: ListObjectsV2Echo, page: ListObjectsPage, owner: Owner): string {
  const encode = echo.encodingType === "url" ? (v: string) => encodeURIComponent(v) : (v: string) => v;
  const parts = [element("Name", echo.bucket), element("Prefix", encode(echo.prefix))];
  if (echo.startAfter !== undefined) parts.push(element("StartAfter", encode(echo.startAfter)));
  if (echo.continuationToken !== undefined) parts.push(element("ContinuationToken", echo.continuationToken));
  if (echo.nextContinuationToken !== undefined) parts.push(element("NextContinuationToken", echo.nextContinuationToken));
  parts.push(element("KeyCount", page.contents.length + page.commonPrefixes.length));
  parts.push(element("MaxKeys", echo.maxKeys));
  if (echo.delimiter !== undefined) parts.push(element("Delimiter", encode(echo.delimiter)));
  if (echo.encodingType) parts.push(element("EncodingType", echo.encodingType));
  parts.push(element("IsTruncated", String(page.isTruncated)));
  for (const { key, object } of page.contents) parts.push(contentsXml(encode(key), object, echo.fetchOwner ? owner : undefined));
  for (const prefix of page.commonPrefixes) parts.push(`<CommonPrefixes>${element("Prefix", encode(prefix))}</CommonPrefixes>`);
  return `${DECLARATION}<ListBucketResult xmlns="${NAMESPACE}">${parts.join("")}</ListBucketResult>`;
}

function contentsXml(key: string, object: StoredObject, owner: Owner | undefined): string {
  const checksum = object.checksum ? element("ChecksumAlgorithm", object.checksum.algorithm.toUpperCase()) : "";
  return (
    `<Contents>${element("Key", key)}${element("LastModified", object.lastModified.toISOString())}` +
    `${element("ETag", object.etag)}${checksum}${element("Size", object.body.length)}` +
    `${owner ? ownerXml(owner) : ""}${element("StorageClass", "STANDARD")}</Contents>`
  );
}

export function copyObjectResultXml(object: StoredObject): string {
  const checksum = object.checksum
    ? element(`Checksum${object.checksum.algorithm.toUpperCase()}`, object.checksum.value)
    : "";
  return (
    `${DECLARATION}<CopyObjectResult xmlns="${NAMESPACE}">${element("ETag", object.etag)}` +
    `${element("LastModified", object.lastModified.toISOString())}${checksum}</CopyObjectResult>`
  );
}

export function deleteResultXml(deleted: string[]): string {
  const entries = deleted.map((key) => `<Deleted>${element("Key", key)}</Deleted>`).join("");
  return `${DECLARATION}<DeleteResult xmlns="${NAMESPACE}">${entries}</DeleteResult>`;
}

/** The keys of a DeleteObjects request body, and whether it asked for a quiet reply. */
export function parseDeleteRequest(xml: string): { keys: string[]; quiet: boolean } {
  if (!/<Delete[\s>]/.test(xml)) throw new Error("not a Delete document");
  const keys = [...xml.matchAll(/<Object>([\s\S]*?)<\/Object>/g)].map((match) => {
    const key = /<Key>([\s\S]*?)<\/Key>/.exec(match[1]);
    if (!key) throw new Error("Object without Key");
    return unescapeXml(key[1]);
  });
  return { keys, quiet: /<Quiet>\s*true\s*<\/Quiet>/i.test(xml) };
}
