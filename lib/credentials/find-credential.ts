import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** A credential's id from its id or its name (the CLI accepts either). */
export async function findCredentialId(idOrName: string): Promise<string> {
  const row = await getDb().credential.findFirst({ where: { OR: [{ id: idOrName }, { name: idOrName }] }, select: { id: true } });
  if (!row) throw new AppError("not_found", `No credential with id or name "${idOrName}"`);
  return row.id;
}
