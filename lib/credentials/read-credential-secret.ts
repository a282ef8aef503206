// INTERNAL: for lib/ code that calls an external system (sources, destinations, test
// connection). Never return its result to app/, the API, logs or the audit log.
import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { loadKeyring, type Keyring } from "@/lib/secrets/keyring";
import { effectiveEndpoint } from "./credential-endpoint";
import { openCredential } from "./credential-crypto";
import { credentialKindLabel, type AnyCredentialSecret, type CredentialKind } from "./kinds";

export type ReadCredentialSecretOptions = { keyring?: Keyring };

/**
 * Decrypts credential `id`. With `accept`, a credential of another kind is a
 * bad_request (e.g. a ChartMogul key configured on a Pipeliner destination).
 */
export async function readCredentialSecret<K extends CredentialKind = CredentialKind>(
  id: string,
  accept?: K | readonly K[],
  options: ReadCredentialSecretOptions = {},
): Promise<Extract<AnyCredentialSecret, { kind: K }> & { id: string; name: string; endpoint: string | undefined }> {
  const row = await getDb().credential.findUnique({
    where: { id },
    select: { id: true, kind: true, name: true, encrypted: true, endpoint: true },
  });
  if (!row) throw new AppError("not_found", `No credential with id ${id}`);
  const kinds: readonly string[] | undefined = accept === undefined ? undefined : typeof accept === "string" ? [accept] : accept;
  if (kinds && !kinds.includes(row.kind)) {
    throw new AppError("bad_request", `Credential "${row.name}" is a ${credentialKindLabel(row.kind)}; this needs a ${kinds.map(credentialKindLabel).join(" or a ")}`, {
      credentialId: row.id,
    });
  }
  const opened = openCredential(row, options.keyring ?? loadKeyring());
  const endpoint = effectiveEndpoint(opened.kind, row.endpoint, opened.secret);
  return { id: row.id, name: row.name, endpoint, ...opened } as Extract<AnyCredentialSecret, { kind: K }> & { id: string; name: string; endpoint: string | undefined };
}
