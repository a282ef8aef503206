// "aws-chunked" request bodies (Content-Encoding: aws-chunked), which the SDK uses
// for streamed uploads: `<hex size>[;chunk-signature=<sig>]\r\n<data>\r\n` repeated,
// a zero-size chunk, then optional trailing headers (e.g. x-amz-checksum-crc32).
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
import { s3Errors } from "./errors";
import { chunkStringToSign, signaturesEqual, signHex, trailerStringToSign } from "./sigv4";

/** What is needed to check the signature chain of STREAMING-AWS4-HMAC-SHA256-* bodies. */
export interface ChunkSigning {
  signingKey: Buffer;
  amzDate: string;
  scope: string;
  /** The signature of the request headers: the first link of the chain. */
  seedSignature: string;
}

export interface DecodedChunkedBody {
  body: Buffer;
  /** Trailing headers, lower-case names, without x-amz-trailer-signature. */
  trailers: Record<string, string>;
}

const CRLF = Buffer.from("\r\n");
const TRAILER_SIGNATURE = "x-amz-trailer-signature";

/** Decodes an aws-chunked body; with `signing`, every chunk and trailer signature is verified. */
export function decodeAwsChunked(raw: Buffer, signing?: ChunkSigning): DecodedChunkedBody {
  const chunks: Buffer[] = [];
  let previousSignature = signing?.seedSignature ?? "";
  let position = 0;

  const readLine = (): string => {
    const end = raw.indexOf(CRLF, position);
    if (end === -1) throw s3Errors.incompleteBody();
    const line = raw.subarray(position, end).toString("latin1");
    position = end + CRLF.length;
    return line;
  };

  for (;;) {
    const [sizeField, ...extensions] = readLine().split(";");
    const size = Number.parseInt(sizeField, 16);
    if (!/^[0-9a-fA-F]+$/.test(sizeField) || !Number.isSafeInteger(size)) throw s3Errors.incompleteBody();
    const data = raw.subarray(position, position + size);
    if (data.length !== size) throw s3Errors.incompleteBody();
    position += size;

    if (signing) {
      const provided = extensions.find((e) => e.startsWith("chunk-signature="))?.slice("chunk-signature=".length) ?? "";
      const expected = signHex(
        signing.signingKey,
        chunkStringToSign(signing.amzDate, signing.scope, previousSignature, data),
      );
      if (!signaturesEqual(expected, provided)) {
        throw s3Errors.signatureDoesNotMatch({ SignatureProvided: provided });
      }
      previousSignature = expected;
    }
    if (size === 0) break;
    chunks.push(data);
    if (!raw.subarray(position, position + CRLF.length).equals(CRLF)) throw s3Errors.incompleteBody();
    position += CRLF.length;
  }

  const trailers: Record<string, string> = {};
  let trailerSignature: string | undefined;
  let signedTrailer = "";
  const readTrailerLine = () => (position < raw.length ? readLine() : "");
  for (let line = readTrailerLine(); line !== ""; line = readTrailerLine()) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw s3Errors.incompleteBody();
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === TRAILER_SIGNATURE) {
      trailerSignature = value;
    } else {
      trailers[name] = value;
      signedTrailer += `${name}:${value}\n`;
    }
  }

  if (signing && signedTrailer !== "") {
    const expected = signHex(
      signing.signingKey,
      trailerStringToSign(signing.amzDate, signing.scope, previousSignature, signedTrailer),
    );
    if (!signaturesEqual(expected, trailerSignature ?? "")) {
      throw s3Errors.signatureDoesNotMatch({ SignatureProvided: trailerSignature ?? "" });
    }
  }
  return { body: Buffer.concat(chunks), trailers };
}
