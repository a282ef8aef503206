// "Test connection" for a configured destination: one cheap authenticated request.
// Remote failures are a result, not an exception; the message never holds a secret.
import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/permissions";
import { redactSecrets } from "@/lib/credentials/redact-secrets";
import { AppError } from "@/lib/errors";
import { openConnection } from "./open-connection";
import { findDestination } from "./find-destination";

export async function testDestination(idOrName: string, actor: Actor | null): Promise<{ ok: boolean; message: string }> {
  const destination = await findDestination(idOrName);
  let result: { ok: boolean; message: string };
  let secrets: string[] = [];
  try {
    const opened = await openConnection(destination);
    secrets = opened.secrets;
    result = await opened.adapter.testConnection(opened.conn);
  } catch (err) {
    if (err instanceof AppError && err.code !== "bad_request") throw err;
    result = { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  result = { ok: result.ok, message: redactSecrets(result.message, secrets) };
  await recordAuditEvent({
    actor,
    action: "destination.test",
    target: { type: "destination", id: destination.id },
    summary: `Tested destination "${destination.name}": ${result.ok ? "connected" : "failed"}`,
    details: { ok: result.ok },
  });
  return result;
}
