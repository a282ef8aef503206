import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";

/**
 * Sign-out on the server, not only in the browser: sessions are JWTs without a
 * server-side row, so the session version moves on and every cookie issued before
 * stops working (a copied cookie included). This signs the user out on all devices.
 */
export async function endSession(session: { userId: string; sessionVersion: number; email: string }) {
  const { count } = await getDb().user.updateMany({
    where: { id: session.userId, sessionVersion: session.sessionVersion },
    data: { sessionVersion: { increment: 1 } },
  });
  // Only a live session's sign-out is recorded; a stale cookie's has nothing left to end.
  if (!count) return;
  await recordAuditEvent({
    actor: { id: session.userId, email: session.email },
    action: "auth.sign_out",
    target: { type: "user", id: session.userId },
    summary: "Signed out",
  });
}
