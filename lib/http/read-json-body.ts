import { AppError } from "@/lib/errors";
import { assertSafeInput } from "@/lib/input/unsafe-input";
import { readBodyWithLimit } from "./read-body-with-limit";

export const MAX_JSON_BODY_BYTES = 1_000_000;

/**
 * Reads a JSON request body: `application/json` only (a cross-site form can send
 * text/plain without a preflight, never application/json), refused past 1 MB while
 * streaming, and checked for reserved names, NUL characters and deep nesting before any
 * schema sees it. Malformed JSON is a 400 naming the problem, not a 500.
 */
export async function readJsonBody(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new AppError("unsupported_media_type", `Send the body as Content-Type: application/json (got ${type.slice(0, 100) || "none"})`);
  }
  const bytes = await readBodyWithLimit(req, MAX_JSON_BODY_BYTES, "The JSON body");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("bad_request", "The JSON body is not valid UTF-8");
  }
  let value: unknown;
  try {
    value = text.trim() ? JSON.parse(text) : {};
  } catch (err) {
    throw new AppError("bad_request", `Malformed JSON body: ${(err as Error).message.slice(0, 200)}`);
  }
  assertSafeInput(value, "The JSON body");
  return value;
}
