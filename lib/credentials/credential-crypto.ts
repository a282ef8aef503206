// Sealing and opening a credential's secret. The AAD binds each blob to its row's id
// and kind, so a blob copied onto another row (or relabelled) does not open.
import "server-only";
import { AppError } from "@/lib/errors";
import { openSecret, sealSecret, SecretDecryptionError, type SealedSecret } from "@/lib/secrets/envelope";
import type { Keyring } from "@/lib/secrets/keyring";
import { credentialKindEntry, isCredentialKind, type AnyCredentialSecret, type CredentialKind } from "./kinds";

export function credentialAad(id: string, kind: string): string {
  return JSON.stringify(["dealport/credential", id, kind]);
}

export function sealCredential(id: string, kind: CredentialKind, secret: AnyCredentialSecret["secret"], keyring: Keyring) {
  const encrypted: SealedSecret = sealSecret(JSON.stringify(secret), credentialAad(id, kind), keyring);
  return { encrypted, keyId: encrypted.keyId };
}

/** Decrypts and re-validates a stored secret. Errors name the credential, never its value. */
export function openCredential(
  row: { id: string; kind: string; name: string; encrypted: unknown },
  keyring: Keyring,
): AnyCredentialSecret {
  const schema = isCredentialKind(row.kind) ? credentialKindEntry(row.kind).secretSchema : null;
  if (!schema) throw new AppError("misconfigured", `Credential "${row.name}" has an unknown kind "${row.kind}"; save it again in Settings → Credentials`);
  let text: string;
  try {
    text = openSecret(row.encrypted, credentialAad(row.id, row.kind), keyring);
  } catch (err) {
    if (err instanceof SecretDecryptionError) {
      // An unknown key's message already says what to do (DEALPORT_SECRET_KEY_PREVIOUS or save it again).
      const todo = err.reason === "unknown_key" ? "" : " Save the credential again in Settings → Credentials.";
      throw new AppError("misconfigured", `Credential "${row.name}" cannot be decrypted: ${err.message}${todo}`, {
        credentialId: row.id,
        reason: err.reason,
      });
    }
    throw err;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new AppError("misconfigured", `Credential "${row.name}" decrypted to data that is not a valid ${row.kind} secret; save it again in Settings → Credentials`, {
      credentialId: row.id,
    });
  }
  return { kind: row.kind, secret: parsed.data } as AnyCredentialSecret;
}
