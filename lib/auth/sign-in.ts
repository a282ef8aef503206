// Credentials check for next-auth, throttled per e-mail and per client IP
// (sign-in-throttle.ts), with one generic failure so callers cannot tell which part was wrong.
import "server-only";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { dummyPasswordHash, verifyPassword } from "./passwords";
import { claimSignInAttempt, EMAIL_RULE, IP_RULE, releaseSignInClaims } from "./sign-in-throttle";

export const SIGN_IN_FAILED = "Wrong e-mail or password";
export const SIGN_IN_DELAYED = "Too many sign-in attempts. Wait a few minutes and try again.";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(200),
});

export async function signIn(raw: unknown, ip: string) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("unauthenticated", SIGN_IN_FAILED);
  const { email, password } = parsed.data;
  const emailKey = `email:${email}`;
  const ipKey = `ip:${ip}`;
  // The IP first: a sprayer's guesses at many accounts stop there without touching theirs.
  if (!(await claimSignInAttempt(ipKey, IP_RULE)) || !(await claimSignInAttempt(emailKey, EMAIL_RULE))) {
    throw new AppError("rate_limited", SIGN_IN_DELAYED);
  }
  const user = await getDb().user.findUnique({ where: { email } });
  const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyPassword(await dummyPasswordHash(), password);
  if (!user || !ok || user.disabled) {
    await recordAuditEvent({
      actor: user ? { id: user.id, email: user.email } : null,
      action: "auth.sign_in_failed",
      summary: `Failed sign-in for ${email} from ${ip}`,
      details: { ip },
    });
    throw new AppError("unauthenticated", SIGN_IN_FAILED);
  }
  await releaseSignInClaims(emailKey, ipKey);
  await recordAuditEvent({
    actor: { id: user.id, email: user.email },
    action: "auth.sign_in",
    target: { type: "user", id: user.id },
    summary: `Signed in from ${ip}`,
    details: { ip },
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}
