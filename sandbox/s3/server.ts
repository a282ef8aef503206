// A small S3-compatible HTTP server for tests and the demo: path-style requests
// (`/bucket/key`), SigV4-authenticated, objects kept in memory. It speaks enough of
// the S3 REST API for @aws-sdk/client-s3 (and the app's S3 sources and Jointflows
// destination) to run against it unchanged, and can inject failures for tests.
import { randomBytes, createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { authenticate, type S3Credentials } from "./authenticate";
import { verifyChecksum, verifyContentMd5 } from "./checksums";
import { S3Error, s3Errors } from "./errors";
import { ObjectStore, type ObjectAttributes, type StoredObject } from "./object-store";
import { parseQuery, type SignedRequest } from "./sigv4";
import {
  copyObjectResultXml,
  deleteResultXml,
  errorXml,
  listBucketsXml,
  listObjectsV2Xml,
  parseDeleteRequest,
  type Owner,
} from "./xml";

export type { S3Credentials } from "./authenticate";

export type S3Operation =
  | "ListBuckets"
  | "CreateBucket"
  | "HeadBucket"
  | "ListObjectsV2"
  | "GetObject"
  | "HeadObject"
  | "PutObject"
  | "CopyObject"
  | "DeleteObject"
  | "DeleteObjects";

export interface StartS3ServerOptions {
  /** 0 (the default) picks a free port. The server always listens on 127.0.0.1. */
  port?: number;
  /** The region clients must sign for; default us-east-1. */
  region?: string;
  /** Key pairs the server accepts; every pair may use every bucket. */
  credentials: S3Credentials[];
  /** Buckets to create at start, with their objects: { bucket: { key: body } }. */
  buckets?: Record<string, Record<string, Buffer | string>>;
}

/** Which requests a fault applies to; unset fields match anything. */
export interface FaultMatch {
  operation?: S3Operation;
  bucket?: string;
  key?: string;
  /** How many matching requests it affects; default 1. */
  times?: number;
}

export interface InjectedError extends FaultMatch {
  /** Default 500 InternalError, which the SDK retries; use e.g. 403 AccessDenied for one it doesn't. */
  status?: number;
  code?: string;
  message?: string;
}

export interface InjectedBodyCut extends Omit<FaultMatch, "operation"> {
  /** Bytes of the object body sent before the connection is dropped. */
  afterBytes: number;
  /** Keep the connection open instead, sending nothing more until the server stops: a stalled download. */
  hold?: boolean;
  /** Called when a held download has sent its bytes and stalls. */
  onHold?: () => void;
}

export interface S3RequestRecord {
  operation: S3Operation | "Unknown";
  bucket?: string;
  key?: string;
  status: number;
}

export interface S3Server {
  /** e.g. http://127.0.0.1:43210 — use with forcePathStyle: true. */
  endpoint: string;
  port: number;
  region: string;
  stop(): Promise<void>;
  createBucket(bucket: string): void;
  /** Stores an object directly (no HTTP), creating the bucket if needed. */
  putObject(bucket: string, key: string, body: Buffer | string, attributes?: ObjectAttributes): StoredObject;
  /** The object's bytes, or undefined when there is no such bucket or key. */
  getObject(bucket: string, key: string): Buffer | undefined;
  /** Keys in the bucket starting with prefix, in S3 order. */
  listKeys(bucket: string, prefix?: string): string[];
  /** The next matching request(s) get this S3 error instead of being served. */
  failNext(fault?: InjectedError): void;
  /** The next matching GetObject(s) send the headers and `afterBytes` of the body, then drop the connection (or, with `hold`, stall). */
  cutNextBody(fault: InjectedBodyCut): void;
  /** Every request served so far, in order (authentication failures included). */
  readonly requests: readonly S3RequestRecord[];
}

interface Route {
  operation: S3Operation;
  bucket?: string;
  key?: string;
  query: Map<string, string>;
}

type Fault = { match: FaultMatch; remaining: number } & (
  | { kind: "error"; error: S3Error }
  | { kind: "cut"; afterBytes: number; hold: boolean; onHold?: () => void }
);

const OWNER: Owner = {
  id: createHash("sha256").update("dealport-sandbox").digest("hex"),
  displayName: "sandbox",
};
const MAX_KEYS = 1000;
const MAX_DELETE_KEYS = 1000;
const TOKEN_PREFIX = "dealport-s3:";

/** Query parameters each operation understands; anything else is answered 501. */
const ALLOWED_QUERY: Record<S3Operation, string[]> = {
  ListBuckets: [],
  CreateBucket: [],
  HeadBucket: [],
  ListObjectsV2: ["list-type", "prefix", "delimiter", "continuation-token", "max-keys", "start-after", "encoding-type", "fetch-owner"],
  GetObject: [],
  HeadObject: [],
  PutObject: [],
  CopyObject: [],
  DeleteObject: [],
  DeleteObjects: ["delete"],
};

function decodeComponent(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw s3Errors.invalidUri();
  }
}

function resolveRoute(method: string, rawPath: string, rawQuery: string, headers: SignedRequest["headers"]): Route {
  const query = new Map(parseQuery(rawQuery));
  const path = rawPath.slice(1);
  const slash = path.indexOf("/");
  const bucket = decodeComponent(slash === -1 ? path : path.slice(0, slash)) || undefined;
  const key = slash === -1 ? "" : decodeComponent(path.slice(slash + 1));

  let operation: S3Operation;
  if (!bucket) {
    if (method !== "GET") throw s3Errors.methodNotAllowed(method, "SERVICE");
    operation = "ListBuckets";
  } else if (!key) {
    if (method === "GET" && query.get("list-type") === "2") operation = "ListObjectsV2";
    else if (method === "GET") throw s3Errors.notImplemented("ListObjects (version 1) is not supported by this sandbox; use ListObjectsV2");
    else if (method === "PUT") operation = "CreateBucket";
    else if (method === "HEAD") operation = "HeadBucket";
    else if (method === "POST" && query.has("delete")) operation = "DeleteObjects";
    else throw s3Errors.methodNotAllowed(method, "BUCKET");
  } else if (method === "GET") operation = "GetObject";
  else if (method === "HEAD") operation = "HeadObject";
  else if (method === "PUT") operation = headers["x-amz-copy-source"] ? "CopyObject" : "PutObject";
  else if (method === "DELETE") operation = "DeleteObject";
  else throw s3Errors.methodNotAllowed(method, "OBJECT");

  // The SDK tags every request with x-id=<Operation>; it carries no meaning for S3.
  const unsupported = [...query.keys()].find((name) => name !== "x-id" && !ALLOWED_QUERY[operation].includes(name));
  if (unsupported !== undefined) {
    throw s3Errors.notImplemented(`The '${unsupported}' parameter is not supported by this sandbox`);
  }
  return { operation, bucket, key: key || undefined, query };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  return req.headersDistinct[name]?.join(",");
}

function attributesFromHeaders(req: IncomingMessage): ObjectAttributes {
  const metadata: Record<string, string> = {};
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    if (name.startsWith("x-amz-meta-") && values) metadata[name.slice("x-amz-meta-".length)] = values.join(",");
  }
  // aws-chunked is transfer framing, not part of the object's own encoding.
  const contentEncoding = headerValue(req, "content-encoding")
    ?.split(",")
    .map((token) => token.trim())
    .filter((token) => token && token !== "aws-chunked")
    .join(",");
  return {
    contentType: headerValue(req, "content-type"),
    contentEncoding: contentEncoding || undefined,
    contentDisposition: headerValue(req, "content-disposition"),
    cacheControl: headerValue(req, "cache-control"),
    metadata,
  };
}

/** Content-MD5 and x-amz-checksum-* arrive as headers, or as aws-chunked trailers. */
function integrityFields(req: IncomingMessage, trailers: Record<string, string>): Record<string, string | undefined> {
  const fields: Record<string, string | undefined> = { ...trailers };
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    if (values && (name === "content-md5" || name.startsWith("x-amz-checksum-"))) fields[name] = values.join(",");
  }
  return fields;
}

function storedAttributes(object: StoredObject): ObjectAttributes {
  const { contentType, contentEncoding, contentDisposition, cacheControl, metadata } = object;
  return { contentType, contentEncoding, contentDisposition, cacheControl, metadata: { ...metadata } };
}

function objectHeaders(object: StoredObject, withChecksum: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Type": object.contentType,
    ETag: object.etag,
    "Last-Modified": object.lastModified.toUTCString(),
    "Accept-Ranges": "bytes",
  };
  if (object.contentEncoding) headers["Content-Encoding"] = object.contentEncoding;
  if (object.contentDisposition) headers["Content-Disposition"] = object.contentDisposition;
  if (object.cacheControl) headers["Cache-Control"] = object.cacheControl;
  for (const [name, value] of Object.entries(object.metadata)) headers[`x-amz-meta-${name}`] = value;
  if (withChecksum && object.checksum) {
    headers[`x-amz-checksum-${object.checksum.algorithm}`] = object.checksum.value;
    headers["x-amz-checksum-type"] = "FULL_OBJECT";
  }
  return headers;
}

function etagMatches(header: string, etag: string): boolean {
  return header.split(",").some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, "");
    return tag === "*" || tag === etag || `"${tag}"` === etag;
  });
}

function parseHttpDate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/** GET/HEAD conditionals with S3's precedence rules; returns 304 or 200. */
function evaluateConditions(req: IncomingMessage, object: StoredObject): 200 | 304 {
  const modified = object.lastModified.getTime();
  const ifMatch = headerValue(req, "if-match");
  const ifUnmodifiedSince = parseHttpDate(headerValue(req, "if-unmodified-since"));
  if (ifMatch !== undefined) {
    if (!etagMatches(ifMatch, object.etag)) throw s3Errors.preconditionFailed("If-Match");
  } else if (ifUnmodifiedSince !== undefined && modified > ifUnmodifiedSince) {
    throw s3Errors.preconditionFailed("If-Unmodified-Since");
  }
  const ifNoneMatch = headerValue(req, "if-none-match");
  const ifModifiedSince = parseHttpDate(headerValue(req, "if-modified-since"));
  if (ifNoneMatch !== undefined) return etagMatches(ifNoneMatch, object.etag) ? 304 : 200;
  if (ifModifiedSince !== undefined && modified <= ifModifiedSince) return 304;
  return 200;
}

/** A single `bytes=` range as S3 reads it; malformed or multi-range headers are ignored. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return undefined;
  if (match[1] === "") {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) throw s3Errors.invalidRange(header, size);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (match[2] !== "" && Number(match[2]) < start) return undefined;
  if (start >= size) throw s3Errors.invalidRange(header, size);
  return { start, end };
}

function encodeContinuationToken(lastKey: string): string {
  return Buffer.from(TOKEN_PREFIX + lastKey, "utf8").toString("base64");
}

function decodeContinuationToken(token: string): string {
  const decoded = Buffer.from(token, "base64").toString("utf8");
  if (!decoded.startsWith(TOKEN_PREFIX)) {
    throw s3Errors.invalidArgument("The continuation token provided is incorrect", "continuation-token", token);
  }
  return decoded.slice(TOKEN_PREFIX.length);
}

function parseCopySource(header: string): { bucket: string; key: string } {
  // The SDK sends the header as given; callers are expected to URL-encode it.
  const path = decodeComponent(header.split("?")[0]).replace(/^\//, "");
  const slash = path.indexOf("/");
  if (slash <= 0 || slash === path.length - 1) {
    throw s3Errors.invalidArgument("Invalid copy source object key", "x-amz-copy-source", header);
  }
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
}

export async function startS3Server(options: StartS3ServerOptions): Promise<S3Server> {
  const region = options.region ?? "us-east-1";
  const credentials = new Map(options.credentials.map((c) => [c.accessKeyId, c.secretAccessKey]));
  const store = new ObjectStore();
  const faults: Fault[] = [];
  const requests: S3RequestRecord[] = [];

  const putDirect = (bucket: string, key: string, body: Buffer | string, attributes?: ObjectAttributes) => {
    if (!store.hasBucket(bucket)) store.createBucket(bucket);
    return store.putObject(bucket, key, typeof body === "string" ? Buffer.from(body) : body, attributes);
  };
  for (const [bucket, objects] of Object.entries(options.buckets ?? {})) {
    store.createBucket(bucket);
    for (const [key, body] of Object.entries(objects)) putDirect(bucket, key, body);
  }

  const takeFault = (route: Route, kind: Fault["kind"]): Fault | undefined => {
    const index = faults.findIndex(
      (fault) =>
        fault.kind === kind &&
        (fault.match.operation === undefined || fault.match.operation === route.operation) &&
        (fault.match.bucket === undefined || fault.match.bucket === route.bucket) &&
        (fault.match.key === undefined || fault.match.key === route.key),
    );
    if (index === -1) return undefined;
    const fault = faults[index];
    if (--fault.remaining === 0) faults.splice(index, 1);
    return fault;
  };

  const sendXml = (res: ServerResponse, status: number, xml: string) => {
    res.writeHead(status, { "Content-Type": "application/xml", "Content-Length": Buffer.byteLength(xml) });
    res.end(xml);
  };

  const sendError = (req: IncomingMessage, res: ServerResponse, error: S3Error) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
    if (req.method === "HEAD") {
      res.writeHead(error.status).end();
      return;
    }
    sendXml(res, error.status, errorXml(error, String(res.getHeader("x-amz-request-id")), String(res.getHeader("x-amz-id-2"))));
  };

  const sendObject = (req: IncomingMessage, res: ServerResponse, route: Route, object: StoredObject) => {
    const status = evaluateConditions(req, object);
    if (status === 304) {
      res.writeHead(304, { ETag: object.etag, "Last-Modified": object.lastModified.toUTCString() }).end();
      return;
    }
    const size = object.body.length;
    const range = parseRange(headerValue(req, "range"), size);
    const start = range?.start ?? 0;
    const end = range?.end ?? size - 1;
    const checksumRequested = headerValue(req, "x-amz-checksum-mode")?.toUpperCase() === "ENABLED";
    const headers = objectHeaders(object, checksumRequested && !range);
    headers["Content-Length"] = String(end - start + 1);
    if (range) headers["Content-Range"] = `bytes ${start}-${end}/${size}`;
    res.writeHead(range ? 206 : 200, headers);
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    const body = object.body.subarray(start, end + 1);
    const cut = takeFault(route, "cut");
    if (cut?.kind === "cut") {
      if (cut.hold) res.write(body.subarray(0, cut.afterBytes), () => cut.onHold?.());
      else res.write(body.subarray(0, cut.afterBytes), () => res.destroy());
      return;
    }
    res.end(body);
  };

  const dispatch = (req: IncomingMessage, res: ServerResponse, route: Route, body: Buffer, trailers: Record<string, string>) => {
    const bucket = route.bucket ?? "";
    const key = route.key ?? "";
    switch (route.operation) {
      case "ListBuckets":
        return sendXml(res, 200, listBucketsXml(OWNER, store.listBuckets()));

      case "CreateBucket":
        store.createBucket(bucket);
        res.writeHead(200, { Location: `/${bucket}` }).end();
        return;

      case "HeadBucket":
        if (!store.hasBucket(bucket)) throw s3Errors.noSuchBucket(bucket);
        res.writeHead(200, { "x-amz-bucket-region": region }).end();
        return;

      case "ListObjectsV2": {
        const rawMaxKeys = route.query.get("max-keys");
        if (rawMaxKeys !== undefined && !/^\d+$/.test(rawMaxKeys)) {
          throw s3Errors.invalidArgument("Provided max-keys not an integer or within integer range", "max-keys", rawMaxKeys);
        }
        const maxKeys = Math.min(rawMaxKeys === undefined ? MAX_KEYS : Number(rawMaxKeys), MAX_KEYS);
        const encodingType = route.query.get("encoding-type");
        if (encodingType !== undefined && encodingType !== "url") {
          throw s3Errors.invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", encodingType);
        }
        const prefix = route.query.get("prefix") ?? "";
        const delimiter = route.query.get("delimiter") || undefined;
        const startAfter = route.query.get("start-after");
        const continuationToken = route.query.get("continuation-token");
        const after = continuationToken !== undefined ? decodeContinuationToken(continuationToken) : startAfter;
        const page = store.listObjects(bucket, { prefix, delimiter, maxKeys, after });
        const xml = listObjectsV2Xml(
          {
            bucket,
            prefix,
            delimiter,
            maxKeys,
            startAfter,
            continuationToken,
            nextContinuationToken: page.isTruncated ? encodeContinuationToken(page.lastKey ?? after ?? "") : undefined,
            encodingType,
            fetchOwner: route.query.get("fetch-owner") === "true",
          },
          page,
          OWNER,
        );
        return sendXml(res, 200, xml);
      }

      case "GetObject":
      case "HeadObject":
        return sendObject(req, res, route, store.getObject(bucket, key));

      case "PutObject": {
        if (!store.hasBucket(bucket)) throw s3Errors.noSuchBucket(bucket);
        const integrity = integrityFields(req, trailers);
        verifyContentMd5(body, integrity["content-md5"]);
        const checksum = verifyChecksum(body, integrity);
        const existing = store.findObject(bucket, key);
        const ifNoneMatch = headerValue(req, "if-none-match");
        if (ifNoneMatch === "*" && existing) throw s3Errors.preconditionFailed("If-None-Match");
        const ifMatch = headerValue(req, "if-match");
        if (ifMatch !== undefined) {
          if (!existing) throw s3Errors.noSuchKey(key);
          if (!etagMatches(ifMatch, existing.etag)) throw s3Errors.preconditionFailed("If-Match");
        }
        const stored = store.putObject(bucket, key, body, { ...attributesFromHeaders(req), checksum });
        const headers: Record<string, string> = { ETag: stored.etag };
        if (checksum) {
          headers[`x-amz-checksum-${checksum.algorithm}`] = checksum.value;
          headers["x-amz-checksum-type"] = "FULL_OBJECT";
        }
        res.writeHead(200, headers).end();
        return;
      }

      case "CopyObject": {
        if (!store.hasBucket(bucket)) throw s3Errors.noSuchBucket(bucket);
        const source = parseCopySource(headerValue(req, "x-amz-copy-source") ?? "");
        const original = store.getObject(source.bucket, source.key);
        const directive = (headerValue(req, "x-amz-metadata-directive") ?? "COPY").toUpperCase();
        if (directive !== "COPY" && directive !== "REPLACE") {
          throw s3Errors.invalidArgument("Unknown metadata directive.", "x-amz-metadata-directive", directive);
        }
        if (directive === "COPY" && source.bucket === bucket && source.key === key) {
          throw s3Errors.invalidRequest(
            "This copy request is illegal because it is trying to copy an object to itself without changing the " +
              "object's metadata, storage class, website redirect location or encryption attributes.",
          );
        }
        const attributes: ObjectAttributes =
          directive === "REPLACE" ? attributesFromHeaders(req) : storedAttributes(original);
        const copy = store.putObject(bucket, key, original.body, { ...attributes, checksum: original.checksum });
        return sendXml(res, 200, copyObjectResultXml(copy));
      }

      case "DeleteObject":
        store.deleteObject(bucket, key);
        res.writeHead(204).end();
        return;

      case "DeleteObjects": {
        if (!store.hasBucket(bucket)) throw s3Errors.noSuchBucket(bucket);
        const integrity = integrityFields(req, trailers);
        verifyContentMd5(body, integrity["content-md5"]);
        if (!verifyChecksum(body, integrity) && integrity["content-md5"] === undefined) {
          throw s3Errors.invalidRequest("Missing required header for this request: Content-MD5 OR x-amz-checksum-*");
        }
        let request: { keys: string[]; quiet: boolean };
        try {
          request = parseDeleteRequest(body.toString("utf8"));
        } catch {
          throw s3Errors.malformedXml();
        }
        if (request.keys.length === 0 || request.keys.length > MAX_DELETE_KEYS) throw s3Errors.malformedXml();
        for (const deleted of request.keys) store.deleteObject(bucket, deleted);
        return sendXml(res, 200, deleteResultXml(request.quiet ? [] : request.keys));
      }
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader("x-amz-request-id", randomBytes(8).toString("hex").toUpperCase());
    res.setHeader("x-amz-id-2", randomBytes(48).toString("base64"));
    res.setHeader("Server", "AmazonS3");
    const record: S3RequestRecord = { operation: "Unknown", status: 0 };
    res.once("close", () => {
      record.status = res.statusCode;
      requests.push(record);
    });
    try {
      const rawBody = await readBody(req);
      const url = req.url ?? "/";
      const queryStart = url.indexOf("?");
      const signed: SignedRequest = {
        method: req.method ?? "GET",
        rawPath: queryStart === -1 ? url : url.slice(0, queryStart),
        rawQuery: queryStart === -1 ? "" : url.slice(queryStart + 1),
        headers: req.headersDistinct,
      };
      const route = resolveRoute(signed.method, signed.rawPath, signed.rawQuery, signed.headers);
      Object.assign(record, { operation: route.operation, bucket: route.bucket, key: route.key });
      const { body, trailers } = authenticate(signed, rawBody, credentials, region);
      const injected = takeFault(route, "error");
      if (injected?.kind === "error") throw injected.error;
      dispatch(req, res, route, body, trailers);
    } catch (error) {
      sendError(req, res, error instanceof S3Error ? error : s3Errors.internalError());
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let stopped: Promise<void> | undefined;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    region,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
    createBucket: (bucket) => store.createBucket(bucket),
    putObject: putDirect,
    getObject: (bucket, key) => (store.hasBucket(bucket) ? store.findObject(bucket, key)?.body : undefined),
    listKeys(bucket, prefix = "") {
      const keys: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = store.listObjects(bucket, { prefix, maxKeys: MAX_KEYS, after });
        keys.push(...page.contents.map((entry) => entry.key));
        if (!page.isTruncated) return keys;
        after = page.lastKey;
      }
    },
    failNext(fault = {}) {
      const { status = 500, code = "InternalError", message = "We encountered an internal error. Please try again." } = fault;
      faults.push({ kind: "error", match: fault, remaining: fault.times ?? 1, error: new S3Error(code, status, message) });
    },
    cutNextBody(fault) {
      faults.push({ kind: "cut", match: { ...fault, operation: "GetObject" }, remaining: fault.times ?? 1, afterBytes: fault.afterBytes, hold: fault.hold ?? false, onHold: fault.onHold });
    },
    requests,
  };
}
