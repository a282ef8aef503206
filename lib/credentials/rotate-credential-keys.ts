import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { loadKeyring, type Keyring } from "@/lib/secrets/keyring";
import { openCredential, sealCredential } from "./credential-crypto";
import type { CredentialKind } from "./kinds";

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
};

/**
 * Re-encrypts every Credential row not yet under DEALPORT_SECRET_KEY (older blobs are
 * opened with DEALPORT_SECRET_KEY_PREVIOUS), in one transaction with every row locked:
 * if any row cannot be opened nothing changes, and the error names that credential.
 * After it succeeds the previous keys can be removed. Audited with counts and key ids only.
 */
export async function rotateCredentialKeys(
  actor: Actor | null,
  options: RotateCredentialKeysOptions = {},
): Promise<RotateCredentialKeysResult> {
  const keyring = options.keyring ?? loadKeyring();
  const currentId = keyring.current.id;
  return getDb().$transaction(
    async (tx) => {
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
      const result = { keyId: currentId, total: rows.length, rotated, alreadyCurrent: rows.length - rotated, fromKeyIds };
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
