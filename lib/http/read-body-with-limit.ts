import { AppError } from "@/lib/errors";

/**
 * Reads a request body, refusing (413) as soon as it passes `maxBytes`: by the
 * Content-Length header before reading, and by counting while streaming otherwise.
 */
export async function readBodyWithLimit(req: Request, maxBytes: number, what = "The request body"): Promise<Uint8Array> {
  const tooLarge = () => new AppError("payload_too_large", `${what} is larger than the limit of ${maxBytes} bytes`, { maxBytes });
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!req.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
