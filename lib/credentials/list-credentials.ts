import "server-only";
import { getDb } from "@/lib/db/client";
import type { CredentialKind } from "./kinds";

/** What may be shown about a credential: never the secret, only its last 4 characters. */
export type CredentialSummary = {
  id: string;
  kind: CredentialKind;
  name: string;
  /** "" when the secret is too short to show any of it. */
  last4: string;
  /** Where the secret may be sent; null: the kind's default (AWS for S3; Pipeliner: the service URL in the secret). */
  endpoint: string | null;
  createdBy: { id: string; email: string | null } | null;
  createdAt: Date;
  updatedAt: Date;
};

type Row = { id: string; kind: string; name: string; last4: string; endpoint: string | null; createdById: string | null; createdAt: Date; updatedAt: Date };
type Tx = Pick<ReturnType<typeof getDb>, "user">;

/** The summaries for rows (which must not include `encrypted`), with the creator's e-mail. */
export async function toCredentialSummary(rows: Row[], tx: Tx = getDb()): Promise<CredentialSummary[]> {
  const ids = [...new Set(rows.map((r) => r.createdById).filter((v): v is string => !!v))];
  const users = ids.length ? await tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } }) : [];
  const email = new Map(users.map((u) => [u.id, u.email]));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as CredentialKind,
    name: r.name,
    last4: r.last4,
    endpoint: r.endpoint,
    createdBy: r.createdById ? { id: r.createdById, email: email.get(r.createdById) ?? null } : null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}

/** Every credential (optionally of some kinds), by name. The encrypted blob is never read. */
export async function listCredentials(filter: { kind?: CredentialKind | CredentialKind[] } = {}): Promise<CredentialSummary[]> {
  const kinds = filter.kind === undefined ? undefined : Array.isArray(filter.kind) ? filter.kind : [filter.kind];
  const rows = await getDb().credential.findMany({
    where: kinds ? { kind: { in: kinds } } : undefined,
    orderBy: { name: "asc" },
    select: { id: true, kind: true, name: true, last4: true, endpoint: true, createdById: true, createdAt: true, updatedAt: true },
  });
  return toCredentialSummary(rows);
}
