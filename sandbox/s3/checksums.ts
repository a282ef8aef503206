// Integrity headers S3 verifies on upload: Content-MD5 and the x-amz-checksum-*
// family (the SDK sends CRC32 by default, in a header or an aws-chunked trailer).
import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";
import { s3Errors } from "./errors";

export const CHECKSUM_ALGORITHMS = ["crc32", "crc32c", "crc64nvme", "sha1", "sha256"] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

export interface ObjectChecksum {
  algorithm: ChecksumAlgorithm;
  /** Base64, as in the x-amz-checksum-<algorithm> header. */
  value: string;
}

/** CRC32C and CRC64NVME need tables Node does not ship; those are stored as sent, unverified. */
const COMPUTE: Partial<Record<ChecksumAlgorithm, (body: Buffer) => string>> = {
  crc32: (body) => {
    const out = Buffer.alloc(4);
    out.writeUInt32BE(crc32(body));
    return out.toString("base64");
  },
  sha1: (body) => createHash("sha1").update(body).digest("base64"),
  sha256: (body) => createHash("sha256").update(body).digest("base64"),
};

export function md5Hex(body: Buffer): string {
  return createHash("md5").update(body).digest("hex");
}

export function verifyContentMd5(body: Buffer, contentMd5: string | undefined): void {
  if (contentMd5 === undefined) return;
  const digest = Buffer.from(contentMd5, "base64");
  if (digest.length !== 16) throw s3Errors.invalidDigest();
  if (!digest.equals(createHash("md5").update(body).digest())) {
    throw s3Errors.badDigest("The Content-MD5 you specified did not match what we received.");
  }
}

/**
 * Finds the x-amz-checksum-* value among headers and aws-chunked trailers,
 * verifies it where the algorithm is computable, and returns it for storage.
 */
export function verifyChecksum(body: Buffer, fields: Record<string, string | undefined>): ObjectChecksum | undefined {
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    const value = fields[`x-amz-checksum-${algorithm}`];
    if (value === undefined) continue;
    const compute = COMPUTE[algorithm];
    if (compute && compute(body) !== value) {
      throw s3Errors.badDigest(`The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`);
    }
    return { algorithm, value };
  }
  return undefined;
}
