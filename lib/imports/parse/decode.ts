// Bytes → text, streaming: gunzip when the bytes are gzip, strip a BOM, and pick the
// character encoding (BOM, explicit option, or detection) without ever holding the file.
import { isAscii } from "node:buffer";
import { Readable, pipeline } from "node:stream";
import { createGunzip } from "node:zlib";
import iconv from "iconv-lite";
import { AppError } from "@/lib/errors";

/** Anything an import can read from: a Node Readable (S3 GetObject body, fs stream), an async iterable of chunks, or a whole Buffer/string. */
export type ByteSource =
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>
  | Uint8Array
  | string;

export interface DecodeOptions {
  /**
   * Character encoding of the file. "auto" (default): a BOM decides; otherwise UTF-8 when the
   * bytes are valid UTF-8, Windows-1252 when they are not. Any iconv-lite label is accepted
   * ("windows-1252", "latin1", "utf-16le"…). A BOM still wins over an explicit encoding: the
   * BOM is written by the exporter and is never wrong, a source setting can be stale.
   */
  encoding?: string;
  /** "auto" (default): gunzip when the bytes start with the gzip magic number. */
  gzip?: boolean | "auto";
  /** Gzip only: the most bytes the file may inflate to (default 2 GiB). Past it the file is refused. */
  maxInflatedBytes?: number;
  /** Gzip only: the highest inflated ÷ compressed ratio (default 200), judged once 16 MiB came out. */
  maxCompressionRatio?: number;
}

export const DEFAULT_MAX_INFLATED_BYTES = 2 * 1024 ** 3;
export const DEFAULT_MAX_COMPRESSION_RATIO = 200;
// Small files may compress far better than real data (a header and one repeated row); judging
// the ratio only past this much output refuses bombs early without refusing small files.
const RATIO_JUDGED_AFTER_BYTES = 16 * 1024 ** 2;

export interface DecodeInfo {
  /** The encoding used, once known (null while the file is still pure ASCII). */
  encoding: string | null;
  /** How the encoding was chosen. */
  encodingSource: "bom" | "option" | "detected" | "ascii" | null;
  bom: boolean;
  gzip: boolean;
  /** Raw bytes read from the source (compressed size for gzip) — for progress against Content-Length. */
  bytesRead: number;
  /** U+FFFD replacement characters produced (invalid or undefined byte sequences). */
  replacementChars: number;
}

export interface DecodedText extends AsyncIterable<string> {
  /** Filled in while the text is read; final once iteration ends. */
  readonly info: DecodeInfo;
}

/** A gzip stream that could not be inflated (corrupt or truncated), or that inflates past the limits. */
export class UnreadableFileError extends Error {
  constructor(
    message: string,
    readonly cause?: unknown,
    readonly code: "unreadable_file" | "decompression_limit" = "unreadable_file",
  ) {
    super(message);
    this.name = "UnreadableFileError";
  }
}

const AUTO = "auto";

export function isSupportedEncoding(label: string): boolean {
  return label.toLowerCase() === AUTO || iconv.encodingExists(label);
}

/** Decodes a byte source into text chunks. Memory use is one chunk, whatever the size. */
export function decodeText(source: ByteSource, options: DecodeOptions = {}): DecodedText {
  const requested = (options.encoding ?? AUTO).trim().toLowerCase();
  if (!isSupportedEncoding(requested)) {
    throw new AppError("bad_request", `Unknown character encoding "${options.encoding}"`);
  }
  const info: DecodeInfo = {
    encoding: null,
    encodingSource: null,
    bom: false,
    gzip: false,
    bytesRead: 0,
    replacementChars: 0,
  };
  const counted = countBytes(toByteChunks(source), info);
  const limits = {
    maxInflatedBytes: options.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES,
    maxCompressionRatio: options.maxCompressionRatio ?? DEFAULT_MAX_COMPRESSION_RATIO,
  };
  const chunks = decodeChunks(counted, requested, options.gzip ?? AUTO, info, limits);
  return { info, [Symbol.asyncIterator]: () => chunks[Symbol.asyncIterator]() };
}

async function* toByteChunks(source: ByteSource): AsyncGenerator<Buffer> {
  if (typeof source === "string") {
    yield Buffer.from(source, "utf8");
    return;
  }
  if (source instanceof Uint8Array) {
    yield Buffer.from(source.buffer, source.byteOffset, source.byteLength);
    return;
  }
  for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
    if (typeof chunk === "string") yield Buffer.from(chunk, "utf8");
    else if (chunk.byteLength > 0) yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
}

async function* countBytes(chunks: AsyncGenerator<Buffer>, info: DecodeInfo): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    info.bytesRead += chunk.length;
    yield chunk;
  }
}

/** Reads until at least `min` bytes are buffered (or the end), so magic numbers and BOMs can be checked across tiny chunks. */
async function readAtLeast(iterator: AsyncIterator<Buffer>, min: number): Promise<{ head: Buffer; done: boolean }> {
  const parts: Buffer[] = [];
  let length = 0;
  while (length < min) {
    const next = await iterator.next();
    if (next.done) return { head: Buffer.concat(parts), done: true };
    parts.push(next.value);
    length += next.value.length;
  }
  return { head: Buffer.concat(parts), done: false };
}

async function* rest(head: Buffer, iterator: AsyncIterator<Buffer>, done: boolean): AsyncGenerator<Buffer> {
  if (head.length > 0) yield head;
  if (done) return;
  for (;;) {
    const next = await iterator.next();
    if (next.done) return;
    yield next.value;
  }
}

type InflateLimits = Required<Pick<DecodeOptions, "maxInflatedBytes" | "maxCompressionRatio">>;

function gunzip(compressed: AsyncGenerator<Buffer>, info: DecodeInfo, limits: InflateLimits): AsyncGenerator<Buffer> {
  // pipeline() carries a source error into the gunzip stream, so iteration throws it.
  const inflated = pipeline(Readable.from(compressed), createGunzip(), () => {});
  return (async function* () {
    let inflatedBytes = 0;
    try {
      for await (const chunk of inflated) {
        inflatedBytes += (chunk as Buffer).length;
        if (inflatedBytes > limits.maxInflatedBytes) {
          throw new UnreadableFileError(
            `it inflates to more than ${formatBytes(limits.maxInflatedBytes)}, the limit for decompressed data (DEALPORT_IMPORT_MAX_DECOMPRESSED_MB); nothing from it was imported`,
            undefined,
            "decompression_limit",
          );
        }
        if (inflatedBytes > RATIO_JUDGED_AFTER_BYTES && inflatedBytes > limits.maxCompressionRatio * info.bytesRead) {
          throw new UnreadableFileError(
            `it inflates more than ${limits.maxCompressionRatio} times its compressed size (${formatBytes(info.bytesRead)} read became ${formatBytes(inflatedBytes)}), which real exports never do (DEALPORT_IMPORT_MAX_COMPRESSION_RATIO); nothing from it was imported`,
            undefined,
            "decompression_limit",
          );
        }
        yield chunk as Buffer;
      }
    } catch (error) {
      if (error instanceof UnreadableFileError) throw error;
      // zlib errors mean the file is bad; anything else (network, S3) is the caller's to handle.
      const code = (error as { code?: string }).code ?? "";
      if (code.startsWith("Z_")) {
        throw new UnreadableFileError(`The gzip data is corrupt or truncated (${(error as Error).message})`, error);
      }
      throw error;
    } finally {
      inflated.destroy();
    }
  })();
}

async function* decodeChunks(
  raw: AsyncGenerator<Buffer>,
  requested: string,
  gzipOption: boolean | "auto",
  info: DecodeInfo,
  limits: InflateLimits,
): AsyncGenerator<string> {
  let bytes: AsyncGenerator<Buffer> = raw;
  {
    const iterator = raw[Symbol.asyncIterator]();
    const { head, done } = await readAtLeast(iterator, 2);
    const isGzip = gzipOption === true || (gzipOption === AUTO && head[0] === 0x1f && head[1] === 0x8b);
    info.gzip = isGzip;
    bytes = isGzip ? gunzip(rest(head, iterator, done), info, limits) : rest(head, iterator, done);
  }

  const iterator = bytes[Symbol.asyncIterator]();
  let { head, done } = await readAtLeast(iterator, 4);

  const bom = detectBom(head);
  let encoding: string | null = null;
  if (bom) {
    info.bom = true;
    encoding = bom.encoding;
    info.encodingSource = "bom";
    head = head.subarray(bom.length);
  } else if (requested !== AUTO) {
    encoding = requested;
    info.encodingSource = "option";
  } else {
    // UTF-16 without a BOM: every other byte is zero in mostly-ASCII text.
    ({ head, done } = await topUp(head, iterator, done, 512));
    encoding = sniffUtf16(head);
    if (encoding) info.encodingSource = "detected";
  }

  const countReplacements = (text: string) => {
    let at = text.indexOf("\uFFFD");
    while (at !== -1) {
      info.replacementChars++;
      at = text.indexOf("\uFFFD", at + 1);
    }
    return text;
  };

  if (encoding) {
    info.encoding = encoding;
    const decoder = iconv.getDecoder(encoding, { stripBOM: false });
    for await (const chunk of rest(head, iterator, done)) {
      const text = decoder.write(chunk);
      if (text) yield countReplacements(text);
    }
    const tail = decoder.end();
    if (tail) yield countReplacements(tail);
    return;
  }

  // Detection: while the bytes are pure ASCII every candidate decodes them alike, so they
  // stream out as they are. The first non-ASCII bytes decide: valid UTF-8 → UTF-8, else
  // Windows-1252 (the usual "Excel on Windows" export).
  info.encodingSource = "ascii";
  let decoder: iconv.DecoderStream | null = null;
  let pending: Buffer | null = null;
  for await (let chunk of rest(head, iterator, done)) {
    if (decoder) {
      const text = decoder.write(chunk);
      if (text) yield countReplacements(text);
      continue;
    }
    if (pending) {
      chunk = Buffer.concat([pending, chunk]);
      pending = null;
    }
    const firstHigh = indexOfNonAscii(chunk);
    if (firstHigh === -1) {
      yield chunk.toString("latin1");
      continue;
    }
    const verdict = checkUtf8(chunk, firstHigh);
    if (verdict === "incomplete") {
      // The chunk ends inside the first multi-byte character: wait for more bytes to decide.
      if (firstHigh > 0) yield chunk.toString("latin1", 0, firstHigh);
      pending = chunk.subarray(firstHigh);
      continue;
    }
    encoding = verdict === "valid" ? "utf-8" : "windows-1252";
    info.encoding = encoding;
    info.encodingSource = "detected";
    decoder = iconv.getDecoder(encoding, { stripBOM: false });
    if (firstHigh > 0) yield chunk.toString("latin1", 0, firstHigh);
    const text = decoder.write(chunk.subarray(firstHigh));
    if (text) yield countReplacements(text);
  }
  if (pending) {
    // The file ends in the middle of a UTF-8 sequence: it was not UTF-8.
    info.encoding = "windows-1252";
    info.encodingSource = "detected";
    decoder = iconv.getDecoder("windows-1252");
    yield countReplacements(decoder.write(pending));
  }
  if (decoder) {
    const tail = decoder.end();
    if (tail) yield countReplacements(tail);
  } else {
    info.encoding = "us-ascii";
  }
}

async function topUp(
  head: Buffer,
  iterator: AsyncIterator<Buffer>,
  done: boolean,
  min: number,
): Promise<{ head: Buffer; done: boolean }> {
  if (done || head.length >= min) return { head, done };
  const more = await readAtLeast(iterator, min - head.length);
  return { head: Buffer.concat([head, more.head]), done: more.done };
}

function detectBom(head: Buffer): { encoding: string; length: number } | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return null;
}

function sniffUtf16(head: Buffer): string | null {
  const pairs = Math.floor(Math.min(head.length, 512) / 2);
  if (pairs < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenZero++;
    if (head[2 * i + 1] === 0) oddZero++;
  }
  if (oddZero > pairs * 0.6 && evenZero < pairs * 0.05) return "utf-16le";
  if (evenZero > pairs * 0.6 && oddZero < pairs * 0.05) return "utf-16be";
  return null;
}

function indexOfNonAscii(chunk: Buffer): number {
  if (isAscii(chunk)) return -1; // native, so the common all-ASCII chunk costs next to nothing
  for (let i = 0; i < chunk.length; i++) if (chunk[i] > 0x7f) return i;
  return -1;
}

/**
 * Checks chunk[from..] as UTF-8. "incomplete" only when the first multi-byte sequence is cut
 * by the chunk end (later cuts are fine: everything before them already proved the encoding).
 */
export function checkUtf8(chunk: Uint8Array, from = 0): "valid" | "invalid" | "incomplete" {
  let i = from;
  let sawSequence = false;
  while (i < chunk.length) {
    const b = chunk[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return "invalid";
    if (i + need >= chunk.length) {
      // The sequence is cut by the chunk end: check the continuation bytes that are here.
      for (let k = i + 1; k < chunk.length; k++) if ((chunk[k] & 0xc0) !== 0x80) return "invalid";
      return sawSequence ? "valid" : "incomplete";
    }
    let codePoint = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = chunk[i + k];
      if ((c & 0xc0) !== 0x80) return "invalid";
      codePoint = (codePoint << 6) | (c & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return "invalid";
    sawSequence = true;
    i += need + 1;
  }
  return "valid";
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 2 ? `${Math.round(bytes / 1024 ** 2)} MB` : `${Math.round(bytes / 1024)} KB`;
}
