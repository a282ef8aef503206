import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseEndpointUrl, type EndpointPolicy } from "@/lib/net/endpoint-url";
import { loadKeyring, type Keyring } from "@/lib/secrets/keyring";
import { sameEndpoint } from "./credential-endpoint";
import { sealCredential } from "./credential-crypto";
import { credentialKindEntry, credentialKindLabel, endpointFieldName, last4Of } from "./kinds";
import { assertSealingKeyCurrent } from "./retired-keys";
import { saveCredentialSchema } from "./schemas";

// Only the URL's form is checked on save; the private-network policy applies each time the
// secret is sent (an admin may allow private endpoints later, or disallow them again).
const FORM_ONLY: EndpointPolicy = { production: false, allowPrivate: true };

/** The endpoint stored with the secret (null: the kind's default). */
function endpointOf(data: z.output<typeof saveCredentialSchema>): string | null {
  const policy = FORM_ONLY;
  const entry = credentialKindEntry(data.kind);
  // A kind whose endpoint is part of its secret (Pipeliner's service URL) takes no other.
  if ("secretField" in entry.endpoint) {
    const url = String((data.secret as Record<string, unknown>)[entry.endpoint.secretField]);
    const field = endpointFieldName(data.kind)!;
    if (data.endpoint && !sameEndpoint(data.endpoint, url)) {
      throw new AppError("validation_failed", `A ${entry.label} credential's endpoint is its ${field}; leave endpoint empty`, { endpoint: `must be the ${field}` });
    }
    return parseEndpointUrl(url, policy, field.charAt(0).toUpperCase() + field.slice(1));
  }
  return data.endpoint ? parseEndpointUrl(data.endpoint, policy, "Endpoint") : null;
}
import { toCredentialSummary, type CredentialSummary } from "./list-credentials";

export type SaveCredentialOptions = { keyring?: Keyring };

/**
 * Creates a credential, or replaces the secret of an existing one (by `id`, else by
 * `name`). The secret is sealed under the current master key; only `last4` and the
 * kind are kept in clear. A replace keeps the id (so sources and destinations keep
 * working) and may rename; it may not change the kind (conflict). Audited without
 * any secret value.
 */
export async function saveCredential(
  input: unknown,
  actor: Actor | null,
  options: SaveCredentialOptions = {},
): Promise<{ credential: CredentialSummary; created: boolean }> {
  const data = saveCredentialSchema.parse(input);
  const keyring = options.keyring ?? loadKeyring();
  const last4 = last4Of(data.kind, data.secret);
  const endpoint = endpointOf(data);
  const db = getDb();
  return await db.$transaction(async (tx) => {
    await assertSealingKeyCurrent(tx, keyring);
    const existing = data.id
      ? await tx.credential.findUnique({ where: { id: data.id }, select: { id: true, kind: true, name: true } })
      : await tx.credential.findUnique({ where: { name: data.name }, select: { id: true, kind: true, name: true } });
    if (data.id && !existing) throw new AppError("not_found", `No credential with id ${data.id}`);
    if (existing && existing.kind !== data.kind) {
      throw new AppError(
        "conflict",
        `Credential "${existing.name}" is a ${credentialKindLabel(existing.kind)}; ` +
          `its kind cannot change. Delete it first or choose another name.`,
        { kind: "cannot change" },
      );
    }
    const id = existing?.id ?? randomUUID();
    const { encrypted, keyId } = sealCredential(id, data.kind, data.secret, keyring);
    const select = { id: true, kind: true, name: true, last4: true, endpoint: true, createdById: true, createdAt: true, updatedAt: true } as const;
    const row = existing
      ? await tx.credential.update({ where: { id }, data: { name: data.name, encrypted, keyId, last4, endpoint }, select })
      : await tx.credential.create({
          data: { id, kind: data.kind, name: data.name, encrypted, keyId, last4, endpoint, createdById: actor?.id ?? null },
          select,
        });
    const renamed = existing && existing.name !== data.name ? ` (renamed from "${existing.name}")` : "";
    await recordAuditEvent(
      {
        actor,
        action: existing ? "credential.replace" : "credential.create",
        target: { type: "credential", id },
        summary: `${existing ? "Replaced the secret of" : "Added"} credential "${data.name}" (${credentialKindLabel(data.kind)})${renamed} for ${endpoint ?? "its default endpoint"}`,
        details: { kind: data.kind, name: data.name, endpoint, ...(renamed ? { previousName: existing!.name } : {}), keyId },
      },
      tx,
    );
    const [credential] = await toCredentialSummary([row], tx);
    return { credential, created: !existing };
  });
}
