import { randomBytes } from "node:crypto";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigError } from "@/lib/env";
import { openSecret, sealSecret, needsRotation, SecretDecryptionError, type SealedSecret } from "./envelope";
import { createKeyring, loadKeyring, splitPreviousKeys } from "./keyring";
import { keyIdOf, parseMasterKey } from "./master-key";

const keyB64 = () => randomBytes(32).toString("base64");
const SECRET = "sk_live_4f1b9c0e7d2a55aa";
const AAD = JSON.stringify(["credential", "cred_1", "chartmogul"]);

function flipByte(b64: string, index = 0) {
  const bytes = Buffer.from(b64, "base64");
  bytes[index] ^= 0x01;
  return bytes.toString("base64");
}

describe("master key parsing", () => {
  it("accepts 32 bytes as base64, base64url or hex and derives a stable key id", () => {
    const raw = randomBytes(32);
    const a = parseMasterKey(raw.toString("base64"));
    const b = parseMasterKey(raw.toString("hex"));
    const c = parseMasterKey(`  ${raw.toString("base64url")}\n`);
    expect(a.id).toMatch(/^[0-9a-f]{16}$/);
    expect(b.id).toBe(a.id);
    expect(c.id).toBe(a.id);
    expect(a.id).toBe(keyIdOf(raw));
    expect(a.id).not.toBe(raw.subarray(0, 8).toString("hex"));
  });

  it("explains a missing key and how to create one", () => {
    for (const value of [undefined, "", "   "]) {
      const err = (() => {
        try {
          parseMasterKey(value);
        } catch (e) {
          return e as Error;
        }
      })();
      expect(err).toBeInstanceOf(ConfigError);
      expect(err!.message).toMatch(/DEALPORT_SECRET_KEY is (not set|empty)/);
      expect(err!.message).toContain("openssl rand -base64 32");
    }
  });

  it("explains a malformed key without echoing it", () => {
    const cases: [string, RegExp][] = [
      [randomBytes(16).toString("base64"), /decode to 16 bytes, not 32/],
      ["abc123", /6 hex characters, not 64/],
      ["not a key at all!!", /neither base64 nor hex/],
      [Buffer.alloc(32).toString("base64"), /placeholder/],
    ];
    for (const [value, reason] of cases) {
      expect(() => parseMasterKey(value)).toThrow(ConfigError);
      try {
        parseMasterKey(value);
      } catch (e) {
        const message = (e as Error).message;
        expect(message).toMatch(/DEALPORT_SECRET_KEY is (malformed|a placeholder)/);
        expect(message).toMatch(reason);
        expect(message).toContain("openssl rand -base64 32");
        expect(message).not.toContain(value);
      }
    }
  });

  it("names the offending previous key", () => {
    expect(() => createKeyring(keyB64(), [keyB64(), "oops"])).toThrow(/DEALPORT_SECRET_KEY_PREVIOUS \(entry 2\) is malformed/);
  });

  it("reads both variables through lib/env and splits the previous list", () => {
    const current = keyB64();
    const old1 = keyB64();
    const old2 = randomBytes(32).toString("hex");
    const ring = loadKeyring({ DEALPORT_SECRET_KEY: current, DEALPORT_SECRET_KEY_PREVIOUS: ` ${old1}, ,${old2} `, NODE_ENV: "test" });
    expect(ring.current.id).toBe(parseMasterKey(current).id);
    expect([...ring.byId.keys()]).toEqual([parseMasterKey(current).id, parseMasterKey(old1).id, parseMasterKey(old2).id]);
    expect(splitPreviousKeys(undefined)).toEqual([]);
    expect(() => loadKeyring({ NODE_ENV: "test" })).toThrow(/not set/);
  });

  it("never prints key bytes", () => {
    const raw = keyB64();
    const key = parseMasterKey(raw);
    const shown = [inspect(key), JSON.stringify({ key }), String(key), inspect(createKeyring(raw), { depth: 5 })].join(" ");
    expect(shown).toContain(key.id);
    expect(shown).not.toContain(raw);
    expect(shown).not.toContain(key.bytes().toString("hex"));
  });
});

describe("envelope", () => {
  const ring = createKeyring(keyB64());

  it("round-trips and stores only JSON-safe base64 fields", () => {
    const blob = sealSecret(SECRET, AAD, ring);
    expect(Object.keys(blob).sort()).toEqual(["ciphertext", "iv", "keyId", "tag", "v", "wrappedKey"]);
    expect(blob.v).toBe(1);
    expect(blob.keyId).toBe(ring.current.id);
    const stored = JSON.parse(JSON.stringify(blob));
    expect(openSecret(stored, AAD, ring)).toBe(SECRET);
    expect(JSON.stringify(blob)).not.toContain(SECRET);
    expect(JSON.stringify(blob)).not.toContain(Buffer.from(SECRET).toString("base64"));
  });

  it("uses a fresh data key and IV each time", () => {
    const a = sealSecret(SECRET, AAD, ring);
    const b = sealSecret(SECRET, AAD, ring);
    expect(a.iv).not.toBe(b.iv);
    expect(a.wrappedKey).not.toBe(b.wrappedKey);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });

  it("handles empty and non-ASCII plaintext", () => {
    for (const text of ["", "pässwörd 🔑", "x".repeat(10_000)]) {
      expect(openSecret(sealSecret(text, AAD, ring), AAD, ring)).toBe(text);
    }
  });

  it.each(["ciphertext", "tag", "iv", "wrappedKey"] as const)("detects a flipped byte in %s", (field) => {
    const blob = sealSecret(SECRET, AAD, ring);
    const bad = { ...blob, [field]: flipByte(blob[field], field === "wrappedKey" ? 20 : 0) };
    const err = (() => {
      try {
        openSecret(bad, AAD, ring);
      } catch (e) {
        return e as SecretDecryptionError;
      }
    })();
    expect(err).toBeInstanceOf(SecretDecryptionError);
    expect(err!.reason).toBe("integrity");
    expect(err!.message).not.toContain(SECRET);
  });

  it("refuses a blob opened with a different AAD (swapped between rows)", () => {
    const blob = sealSecret(SECRET, AAD, ring);
    const otherRow = JSON.stringify(["credential", "cred_2", "chartmogul"]);
    const otherKind = JSON.stringify(["credential", "cred_1", "s3"]);
    expect(() => openSecret(blob, otherRow, ring)).toThrow(/integrity check/);
    expect(() => openSecret(blob, otherKind, ring)).toThrow(/integrity check/);
  });

  it("refuses a forged key id and malformed blobs", () => {
    const blob = sealSecret(SECRET, AAD, ring);
    const unknown = { ...blob, keyId: "0123456789abcdef" };
    expect(() => openSecret(unknown, AAD, ring)).toThrow(/encrypted with key 0123456789abcdef/);
    expect(() => openSecret({ ...blob, v: 2 }, AAD, ring)).toThrow(/not a valid v1 envelope \(bad v\)/);
    expect(() => openSecret({ ...blob, iv: "short" }, AAD, ring)).toThrow(SecretDecryptionError);
    expect(() => openSecret({ ...blob, extra: 1 }, AAD, ring)).toThrow(SecretDecryptionError);
    expect(() => openSecret(null, AAD, ring)).toThrow(SecretDecryptionError);
  });

  it("opens old blobs with a previous key and reports which need rotation", () => {
    const oldKey = keyB64();
    const oldRing = createKeyring(oldKey);
    const oldBlob: SealedSecret = sealSecret(SECRET, AAD, oldRing);
    const newKey = keyB64();

    expect(() => openSecret(oldBlob, AAD, createKeyring(newKey))).toThrow(
      expect.objectContaining({ reason: "unknown_key" }) as unknown as Error,
    );

    const rotated = createKeyring(newKey, [oldKey]);
    expect(openSecret(oldBlob, AAD, rotated)).toBe(SECRET);
    expect(needsRotation(oldBlob, rotated)).toBe(true);
    const resealed = sealSecret(openSecret(oldBlob, AAD, rotated), AAD, rotated);
    expect(resealed.keyId).toBe(rotated.current.id);
    expect(needsRotation(resealed, rotated)).toBe(false);
    expect(openSecret(resealed, AAD, createKeyring(newKey))).toBe(SECRET);
  });

  it("a wrong key with a forged matching key id still fails the integrity check", () => {
    const blob = sealSecret(SECRET, AAD, ring);
    const attacker = createKeyring(keyB64());
    const forged = { ...blob, keyId: attacker.current.id };
    expect(() => openSecret(forged, AAD, attacker)).toThrow(/integrity check/);
  });
});
