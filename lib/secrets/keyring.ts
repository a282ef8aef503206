// The current master key plus older ones kept for decryption during a rotation.
import "server-only";
import { readEnv, type Env } from "@/lib/env";
import { ConfigError } from "@/lib/env";
import { parseMasterKey, type MasterKey } from "./master-key";

export type Keyring = {
  /** New blobs are always sealed under this key. */
  current: MasterKey;
  /** Every usable key (current first) by key id. */
  byId: ReadonlyMap<string, MasterKey>;
};

/** Builds a keyring from encoded keys (base64 or hex). Throws ConfigError on a bad key. */
export function createKeyring(current: string | undefined, previous: readonly string[] = []): Keyring {
  const currentKey = parseMasterKey(current, "DEALPORT_SECRET_KEY");
  const byId = new Map<string, MasterKey>([[currentKey.id, currentKey]]);
  previous.forEach((text, i) => {
    const key = parseMasterKey(text, `DEALPORT_SECRET_KEY_PREVIOUS (entry ${i + 1})`);
    if (!byId.has(key.id)) byId.set(key.id, key);
  });
  return { current: currentKey, byId };
}

/** A keyring of already-parsed keys (the first is current). */
export function createKeyringFromKeys(current: MasterKey, ...previous: MasterKey[]): Keyring {
  return { current, byId: new Map([current, ...previous].map((k) => [k.id, k])) };
}

/** Splits DEALPORT_SECRET_KEY_PREVIOUS ("k1,k2"), ignoring blanks. */
export function splitPreviousKeys(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The keyring from DEALPORT_SECRET_KEY and DEALPORT_SECRET_KEY_PREVIOUS. */
export function loadKeyring(env: Env = readEnv()): Keyring {
  return createKeyring(env.DEALPORT_SECRET_KEY, splitPreviousKeys(env.DEALPORT_SECRET_KEY_PREVIOUS));
}

/**
 * Start-up check: throws ConfigError (with how to create a key) when the key is missing
 * or malformed. The demo writes a key into .env.local before anything calls this.
 */
export function assertSecretKeyConfigured(env: Env = readEnv()): void {
  loadKeyring(env);
}

export { ConfigError };
