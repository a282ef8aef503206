// The master key: 32 random bytes from DEALPORT_SECRET_KEY, base64 or hex encoded.
// Messages describe the key's shape, never its value.
import "server-only";
import { createHash } from "node:crypto";
import { inspect } from "node:util";
import { z } from "zod";
import { ConfigError } from "@/lib/env";

export const MASTER_KEY_BYTES = 32;

export const HOW_TO_CREATE_KEY =
  "Create one with `openssl rand -base64 32` (or `node -e \"console.log(require('node:crypto').randomBytes(32).toString('base64'))\"`) " +
  "and set it as DEALPORT_SECRET_KEY in the environment or .env.local. Keep it safe: credentials saved under it cannot be read without it.";

/** A master key with its id. Prints as `MasterKey(<id>)` so it cannot leak through logs or JSON. */
export class MasterKey {
  readonly #key: Buffer;
  readonly id: string;
  constructor(key: Buffer) {
    if (key.length !== MASTER_KEY_BYTES) throw new ConfigError(`A master key must be ${MASTER_KEY_BYTES} bytes`);
    this.#key = Buffer.from(key);
    this.id = keyIdOf(this.#key);
  }
  /** The raw key, for lib/secrets only. */
  bytes(): Buffer {
    return this.#key;
  }
  toJSON() {
    return `MasterKey(${this.id})`;
  }
  toString() {
    return `MasterKey(${this.id})`;
  }
  [inspect.custom]() {
    return `MasterKey(${this.id})`;
  }
}

/**
 * The key id stored with every blob: the first 8 bytes of
 * sha256("dealport/secret-key-id/v1\0" ‖ key), as 16 hex characters. One-way and
 * domain-separated, so it names a key without revealing anything usable about it.
 */
export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update("dealport/secret-key-id/v1\0").update(key).digest().subarray(0, 8).toString("hex");
}

const HEX = /^[0-9a-fA-F]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

function decode(text: string): Buffer | string {
  if (HEX.test(text)) return Buffer.from(text, "hex");
  if (BASE64.test(text) || BASE64URL.test(text)) {
    const bytes = Buffer.from(text, BASE64.test(text) ? "base64" : "base64url");
    if (bytes.length === MASTER_KEY_BYTES) return bytes;
    if (/^[0-9a-fA-F]+$/.test(text)) return `it is ${text.length} hex characters, not 64`;
    return `it is ${text.length} characters of base64 that decode to ${bytes.length} bytes, not ${MASTER_KEY_BYTES}`;
  }
  return `it is ${text.length} characters that are neither base64 nor hex`;
}

/** zod schema for one encoded key; `name` is the variable named in messages. */
export function masterKeySchema(name: string) {
  return z
    .string({ error: `${name} is not set. ${HOW_TO_CREATE_KEY}` })
    .trim()
    .min(1, `${name} is empty. ${HOW_TO_CREATE_KEY}`)
    .transform((text, ctx) => {
      const decoded = decode(text);
      if (typeof decoded === "string") {
        ctx.addIssue({
          code: "custom",
          message:
            `${name} is malformed: ${decoded}. It must be ${MASTER_KEY_BYTES} random bytes, base64 (44 characters) ` +
            `or hex (64 characters). ${HOW_TO_CREATE_KEY}`,
        });
        return z.NEVER;
      }
      if (decoded.every((b) => b === decoded[0])) {
        ctx.addIssue({ code: "custom", message: `${name} is a placeholder (every byte is the same), not a random key. ${HOW_TO_CREATE_KEY}` });
        return z.NEVER;
      }
      return new MasterKey(decoded);
    });
}

/** Parses one encoded key; throws ConfigError with a how-to message (never the value). */
export function parseMasterKey(text: string | undefined, name = "DEALPORT_SECRET_KEY"): MasterKey {
  const parsed = masterKeySchema(name).safeParse(text);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => i.message).join("; "));
  return parsed.data;
}
