import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createKeyringFromKeys, loadKeyring, type Keyring } from "@/lib/secrets/keyring";
import { openCredential, sealCredential } from "./credential-crypto";
import type { CredentialKind } from "./kinds";
import { lockKeyStateForRotation } from "./retired-keys";

export type RotateCredentialKeysOptions = {
  keyring?: Keyring;
  /** Also re-encrypt rows already under the current key (fresh data keys). */
  all?: boolean;
};

export type RotateCredentialKeysResult = {
  keyId: string;
  total: number;
  rotated: number;
  alreadyCurrent: number;
  /** How many rows were re-encrypted from each older key id. */
  fromKeyIds: Record<string, number>;
  /** Rows checked to open with the current key alone, after re-encryption: all of them. */
  verified: number;
};

/**
 * Re-encrypts every Credential row not yet under DEALPORT_SECRET_KEY (older blobs are
 * opened with DEALPORT_SECRET_KEY_PREVIOUS), in one transaction with every row locked:
 * if any row cannot be opened nothing changes, and the error names that credential.
 * Before committing, every row is opened again with the current key alone, and the older
 * keys are recorded as retired, so servers still running with them refuse to seal new
 * credentials (retired-keys.ts). Only then can the previous keys be removed. Audited with
 * counts and key ids only.
 */
export async function rotateCredentialKeys(
  actor: Actor | null,
  options: RotateCredentialKeysOptions = {},
): Promise<RotateCredentialKeysResult> {
  const keyring = options.keyring ?? loadKeyring();
  const currentId = keyring.current.id;
  return getDb().$transaction(
    async (tx) => {
      const keyState = await lockKeyStateForRotation(tx, keyring);
      const rows = await tx.$queryRaw<{ id: string; kind: string; name: string; encrypted: unknown; keyId: string }[]>`
        select id, kind, name, encrypted, "keyId" from "Credential" order by id for update`;
      const fromKeyIds: Record<string, number> = {};
      let rotated = 0;
      for (const row of rows) {
        const blobKeyId = (row.encrypted as { keyId?: unknown } | null)?.keyId;
        if (!options.all && blobKeyId === currentId && row.keyId === currentId) continue;
        const { secret } = openCredential(row, keyring);
        const { encrypted, keyId } = sealCredential(row.id, row.kind as CredentialKind, secret, keyring);
        await tx.credential.update({ where: { id: row.id }, data: { encrypted, keyId } });
        const from = typeof blobKeyId === "string" ? blobKeyId : row.keyId;
        fromKeyIds[from] = (fromKeyIds[from] ?? 0) + 1;
        rotated++;
      }
      // The promise to the admin ("drop the previous key") holds only if every row opens without it.
      const currentOnly = createKeyringFromKeys(keyring.current);
      const after = await tx.$queryRaw<{ id: string; kind: string; name: string; encrypted: unknown }[]>`select id, kind, name, encrypted from "Credential" order by id`;
      for (const row of after) {
        try {
          openCredential(row, currentOnly);
        } catch (error) {
          throw new AppError("internal", `Credential "${row.name}" does not open with the current key after re-encryption, so nothing was changed; keep the previous key (${error instanceof Error ? error.message : "unknown error"})`, {
            credentialId: row.id,
          });
        }
      }
      await keyState.commit();
      const result = { keyId: currentId, total: rows.length, rotated, alreadyCurrent: rows.length - rotated, fromKeyIds, verified: after.length };
      await recordAuditEvent(
        {
          actor,
          action: "credential.rotate_keys",
          target: { type: "secret_key", id: currentId },
          summary: `Re-encrypted ${rotated} of ${rows.length} credentials under key ${currentId}`,
          details: result,
        },
        tx,
      );
      return result;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}
