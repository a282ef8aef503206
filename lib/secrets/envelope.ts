// AES-256-GCM envelope encryption.
//
// Each secret gets a fresh random 256-bit data key. The data key encrypts the secret
// (AES-256-GCM, 96-bit random IV); the master key encrypts the data key (AES-256-GCM,
// its own random IV). The caller's AAD (e.g. credential id + kind) is authenticated by
// both layers, so a blob copied onto another row fails to open. The blob is JSON-safe:
//
//   { v: 1, keyId, iv, tag, wrappedKey, ciphertext }      (binary fields base64)
//
// wrappedKey = wrapIv(12) ‖ encryptedDataKey(32) ‖ wrapTag(16). keyId names the master
// key (see keyIdOf), so old blobs can be opened with DEALPORT_SECRET_KEY_PREVIOUS
// during a rotation. Errors never contain plaintext or key material.
import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Keyring } from "./keyring";
import type { MasterKey } from "./master-key";

export const ENVELOPE_VERSION = 1 as const;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 32;
const WRAPPED_KEY_BYTES = IV_BYTES + DATA_KEY_BYTES + TAG_BYTES;

const b64 = (bytes?: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, "must be base64")
    .refine((s) => bytes === undefined || Buffer.from(s, "base64").length === bytes, `must be ${bytes} bytes`);

export const sealedSecretSchema = z
  .object({
    v: z.literal(ENVELOPE_VERSION),
    keyId: z.string().regex(/^[0-9a-f]{16}$/),
    iv: b64(IV_BYTES),
    tag: b64(TAG_BYTES),
    wrappedKey: b64(WRAPPED_KEY_BYTES),
    ciphertext: b64(),
  })
  .strict();

export type SealedSecret = z.infer<typeof sealedSecretSchema>;

export type SecretErrorReason = "malformed" | "unknown_key" | "integrity";

/** Opening a blob failed. The message names key ids and causes, never secret values. */
export class SecretDecryptionError extends Error {
  constructor(
    readonly reason: SecretErrorReason,
    message: string,
  ) {
    super(message);
    this.name = "SecretDecryptionError";
  }
}

const wrapAad = (keyId: string, aad: string) => Buffer.from(`dealport/secret/v${ENVELOPE_VERSION}/wrap\0${keyId}\0${aad}`, "utf8");
const dataAad = (aad: string) => Buffer.from(`dealport/secret/v${ENVELOPE_VERSION}/data\0${aad}`, "utf8");

function gcmEncrypt(key: Buffer, plaintext: Buffer, aad: Buffer) {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

function gcmDecrypt(key: Buffer, iv: Buffer, ciphertext: Buffer, tag: Buffer, aad: Buffer): Buffer | null {
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return null;
  }
}

/** Encrypts `plaintext` under the keyring's current key, bound to `aad`. */
export function sealSecret(plaintext: string, aad: string, keyring: Keyring | MasterKey): SealedSecret {
  const master = "current" in keyring ? keyring.current : keyring;
  const dataKey = randomBytes(DATA_KEY_BYTES);
  const plain = Buffer.from(plaintext, "utf8");
  try {
    const data = gcmEncrypt(dataKey, plain, dataAad(aad));
    const wrap = gcmEncrypt(master.bytes(), dataKey, wrapAad(master.id, aad));
    return {
      v: ENVELOPE_VERSION,
      keyId: master.id,
      iv: data.iv.toString("base64"),
      tag: data.tag.toString("base64"),
      wrappedKey: Buffer.concat([wrap.iv, wrap.ciphertext, wrap.tag]).toString("base64"),
      ciphertext: data.ciphertext.toString("base64"),
    };
  } finally {
    dataKey.fill(0);
    plain.fill(0);
  }
}

/** Validates a stored blob's shape (no decryption). */
export function parseSealedSecret(blob: unknown): SealedSecret {
  const parsed = sealedSecretSchema.safeParse(blob);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join(".") || "blob").join(", ");
    throw new SecretDecryptionError("malformed", `The encrypted secret is not a valid v${ENVELOPE_VERSION} envelope (bad ${where})`);
  }
  return parsed.data;
}

/** Decrypts a blob sealed with the same `aad`, using whichever keyring key its keyId names. */
export function openSecret(blob: unknown, aad: string, keyring: Keyring): string {
  const sealed = parseSealedSecret(blob);
  const master = keyring.byId.get(sealed.keyId);
  if (!master) {
    throw new SecretDecryptionError(
      "unknown_key",
      `The secret was encrypted with key ${sealed.keyId}, which is neither DEALPORT_SECRET_KEY (key ${keyring.current.id}) ` +
        `nor in DEALPORT_SECRET_KEY_PREVIOUS. Add the key it was saved under to DEALPORT_SECRET_KEY_PREVIOUS, or save the credential again.`,
    );
  }
  const wrapped = Buffer.from(sealed.wrappedKey, "base64");
  const dataKey = gcmDecrypt(
    master.bytes(),
    wrapped.subarray(0, IV_BYTES),
    wrapped.subarray(IV_BYTES, IV_BYTES + DATA_KEY_BYTES),
    wrapped.subarray(IV_BYTES + DATA_KEY_BYTES),
    wrapAad(master.id, aad),
  );
  const integrityError = () =>
    new SecretDecryptionError(
      "integrity",
      "The encrypted secret failed its integrity check: it was altered, or it belongs to a different record",
    );
  if (!dataKey) throw integrityError();
  try {
    const plain = gcmDecrypt(
      dataKey,
      Buffer.from(sealed.iv, "base64"),
      Buffer.from(sealed.ciphertext, "base64"),
      Buffer.from(sealed.tag, "base64"),
      dataAad(aad),
    );
    if (!plain) throw integrityError();
    const text = plain.toString("utf8");
    plain.fill(0);
    return text;
  } finally {
    dataKey.fill(0);
  }
}

/** True when the blob is not sealed under the keyring's current key. */
export function needsRotation(blob: unknown, keyring: Keyring): boolean {
  return parseSealedSecret(blob).keyId !== keyring.current.id;
}
