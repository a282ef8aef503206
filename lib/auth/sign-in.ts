// Credentials check for next-auth, rate limited per e-mail and per IP, with one
// generic failure so callers cannot tell which part was wrong.
import "server-only";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { dummyPasswordHash, verifyPassword } from "./passwords";

export const SIGN_IN_FAILED = "Wrong e-mail or password";
const WINDOW_MS = 15 * 60_000;
const MAX_PER_EMAIL = 5;
const MAX_PER_IP = 20;

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(200),
});

async function recentFailures(key: string) {
  return getDb().loginAttempt.count({ where: { key, at: { gt: new Date(Date.now() - WINDOW_MS) } } });
}

export async function signIn(raw: unknown, ip: string) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("unauthenticated", SIGN_IN_FAILED);
  const { email, password } = parsed.data;
  const db = getDb();
  const keys = [`email:${email}`, `ip:${ip}`];
  const [byEmail, byIp] = await Promise.all(keys.map(recentFailures));
  if (byEmail >= MAX_PER_EMAIL || byIp >= MAX_PER_IP) {
    throw new AppError("rate_limited", "Too many sign-in attempts. Wait 15 minutes and try again.");
  }
  const user = await db.user.findUnique({ where: { email } });
  const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyPassword(await dummyPasswordHash(), password);
  if (!user || !ok || user.disabled) {
    await db.loginAttempt.createMany({ data: keys.map((key) => ({ key })) });
    await recordAuditEvent({
      actor: user ? { id: user.id, email: user.email } : null,
      action: "auth.sign_in_failed",
      summary: `Failed sign-in for ${email}`,
      details: { ip },
    });
    throw new AppError("unauthenticated", SIGN_IN_FAILED);
  }
  await db.loginAttempt.deleteMany({ where: { key: keys[0] } });
  await recordAuditEvent({
    actor: { id: user.id, email: user.email },
    action: "auth.sign_in",
    target: { type: "user", id: user.id },
    summary: `Signed in`,
    details: { ip },
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}
