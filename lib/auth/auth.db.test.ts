import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { createUser } from "@/lib/users/create-user";
import { actorFromBearer, actorFromSession, assertTier } from "./actor";
import { createApiToken, DEFAULT_TOKEN_DAYS, listAllApiTokens, revokeApiToken } from "./api-tokens";
import { endSession } from "./end-session";
import type { Actor } from "./permissions";
import { SIGN_IN_FAILED, signIn } from "./sign-in";
import { EMAIL_RULE, IP_RULE } from "./sign-in-throttle";
import { clientInput } from "@/lib/test/client-input";

const db = connectTestDatabase();
beforeEach(truncateAll);
afterAll(disconnectDb);

const PASSWORD = "a long enough password";

async function user(role: "admin" | "operator" | "viewer", email = `${role}@example.com`) {
  const u = await createUser({ email, role, password: PASSWORD }, null);
  return { id: u.id, email: u.email, role: u.role } as Actor;
}

const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: AppError) => e);

describe("signIn", () => {
  it("accepts the right password and audits the sign-in", async () => {
    const ana = await user("operator");
    const signedIn = await signIn({ email: "OPERATOR@example.com ", password: PASSWORD }, "10.0.0.1");
    expect(signedIn.id).toBe(ana.id);
    expect(await db.auditEvent.count({ where: { action: "auth.sign_in", actorId: ana.id } })).toBe(1);
  });

  it("gives one generic message for a wrong password, an unknown e-mail and a disabled user", async () => {
    const ana = await user("viewer");
    await db.user.update({ where: { id: ana.id }, data: { disabled: true } });
    for (const attempt of [
      { email: "viewer@example.com", password: "wrong password!!" },
      { email: "nobody@example.com", password: PASSWORD },
      { email: "viewer@example.com", password: PASSWORD },
    ]) {
      const err = await errorOf(signIn(attempt, "10.0.0.2"));
      expect(err).toMatchObject({ code: "unauthenticated", message: SIGN_IN_FAILED });
    }
  });

  it("delays an e-mail after 5 failures, even with the right password, without touching other e-mails", async () => {
    await user("viewer");
    await user("operator");
    for (let i = 0; i < 5; i++) await errorOf(signIn({ email: "viewer@example.com", password: "wrong password!!" }, `10.0.1.${i}`));
    const locked = await errorOf(signIn({ email: "viewer@example.com", password: PASSWORD }, "10.0.2.1"));
    expect(locked).toMatchObject({ code: "rate_limited" });
    await expect(signIn({ email: "operator@example.com", password: PASSWORD }, "10.0.2.1")).resolves.toMatchObject({ email: "operator@example.com" });
  });

  it("limits one IP to 20 failures across e-mails", async () => {
    await user("viewer");
    for (let i = 0; i < 20; i++) await errorOf(signIn({ email: `guess${i}@example.com`, password: "x" }, "10.9.9.9"));
    expect(await errorOf(signIn({ email: "viewer@example.com", password: PASSWORD }, "10.9.9.9"))).toMatchObject({ code: "rate_limited" });
    await expect(signIn({ email: "viewer@example.com", password: PASSWORD }, "10.9.9.10")).resolves.toBeTruthy();
  });
});

describe("sign-in throttling under parallel guesses", () => {
  const evaluated = () => db.auditEvent.count({ where: { action: "auth.sign_in_failed" } });

  it("50 parallel wrong passwords for one account: at most 5 are evaluated, the rest are refused unchecked", async () => {
    await user("admin");
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => errorOf(signIn({ email: "admin@example.com", password: `guess ${i} !!` }, `10.1.0.${i}`))),
    );
    expect(await evaluated()).toBe(EMAIL_RULE.free);
    expect(results.filter((e) => e?.code === "unauthenticated")).toHaveLength(EMAIL_RULE.free);
    expect(results.filter((e) => e?.code === "rate_limited")).toHaveLength(50 - EMAIL_RULE.free);
  });

  it("50 parallel guesses at different accounts from one IP: at most 20 are evaluated", async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => errorOf(signIn({ email: `user${i}@example.com`, password: "guess!!" }, "10.2.0.1"))),
    );
    expect(await evaluated()).toBe(IP_RULE.free);
    expect(results.filter((e) => e?.code === "rate_limited")).toHaveLength(50 - IP_RULE.free);
  });

  it("the delay doubles per failure up to 15 minutes, and a correct password after it clears the account", async () => {
    await user("admin");
    const delayOf = async () => {
      const row = await db.loginThrottle.findUniqueOrThrow({ where: { key: "email:admin@example.com" } });
      return Math.round((row.nextAttemptAt!.getTime() - row.updatedAt.getTime()) / 1000);
    };
    const elapse = () => db.loginThrottle.updateMany({ data: { nextAttemptAt: new Date(Date.now() - 1000) } });
    for (let i = 0; i < EMAIL_RULE.free; i++) await errorOf(signIn({ email: "admin@example.com", password: "wrong!!" }, `10.3.0.${i}`));
    const delays = [await delayOf()];
    for (let i = 0; i < 7; i++) {
      await elapse();
      await errorOf(signIn({ email: "admin@example.com", password: "wrong!!" }, `10.3.1.${i}`));
      delays.push(await delayOf());
    }
    expect(delays).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
    // Still delayed: even the right password is not evaluated…
    expect(await errorOf(signIn({ email: "admin@example.com", password: PASSWORD }, "10.3.2.1"))).toMatchObject({ code: "rate_limited" });
    // …until the delay has passed: then it signs in and the account starts afresh.
    await elapse();
    await expect(signIn({ email: "admin@example.com", password: PASSWORD }, "10.3.2.1")).resolves.toMatchObject({ email: "admin@example.com" });
    expect(await db.loginThrottle.findUnique({ where: { key: "email:admin@example.com" } })).toBeNull();
  });
});

describe("actors and tiers", () => {
  it("a session stops working when the user is disabled or the session version moves on", async () => {
    const ana = await user("operator");
    expect(await actorFromSession({ userId: ana.id, sessionVersion: 0 })).toMatchObject({ id: ana.id, role: "operator" });
    await db.user.update({ where: { id: ana.id }, data: { sessionVersion: 1 } });
    expect(await actorFromSession({ userId: ana.id, sessionVersion: 0 })).toBeNull();
    await db.user.update({ where: { id: ana.id }, data: { disabled: true } });
    expect(await actorFromSession({ userId: ana.id, sessionVersion: 1 })).toBeNull();
  });

  it("a bearer token works until it is revoked, expires or its user is disabled", async () => {
    const ana = await user("viewer");
    const { token, id } = await createApiToken(ana, { name: "script" });
    const stored = await db.apiToken.findUniqueOrThrow({ where: { id } });
    expect(stored.tokenHash).not.toContain(token);
    expect(await actorFromBearer(`Bearer ${token}`)).toMatchObject({ id: ana.id });
    expect(await actorFromBearer(`Bearer ${token}x`)).toBeNull();
    expect(await actorFromBearer(token)).toBeNull();

    await db.apiToken.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await actorFromBearer(`Bearer ${token}`)).toBeNull();
    await db.apiToken.update({ where: { id }, data: { expiresAt: null } });
    await db.user.update({ where: { id: ana.id }, data: { disabled: true } });
    expect(await actorFromBearer(`Bearer ${token}`)).toBeNull();
    await db.user.update({ where: { id: ana.id }, data: { disabled: false } });
    await revokeApiToken(ana, id);
    expect(await actorFromBearer(`Bearer ${token}`)).toBeNull();
    await expect(revokeApiToken(ana, id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("a token without a chosen expiry ends after 90 days", async () => {
    const ana = await user("viewer");
    const { expiresAt } = await createApiToken(ana, { name: "script", expiresInDays: clientInput("") });
    const days = (expiresAt!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(DEFAULT_TOKEN_DAYS - 0.01);
    expect(days).toBeLessThanOrEqual(DEFAULT_TOKEN_DAYS);
  });

  it("admins list and revoke any user's tokens; others only their own", async () => {
    const admin = await user("admin");
    const ana = await user("operator");
    const bob = await user("viewer");
    const anas = await createApiToken(ana, { name: "ana's script" });
    await createApiToken(bob, { name: "bob's script" });
    expect((await listAllApiTokens()).map((t) => [t.user.email, t.name]).sort()).toEqual([
      ["operator@example.com", "ana's script"],
      ["viewer@example.com", "bob's script"],
    ]);
    expect((await listAllApiTokens({ userId: ana.id })).map((t) => t.name)).toEqual(["ana's script"]);
    await expect(revokeApiToken(bob, anas.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await actorFromBearer(`Bearer ${anas.token}`)).not.toBeNull();
    await revokeApiToken(admin, anas.id);
    expect(await actorFromBearer(`Bearer ${anas.token}`)).toBeNull();
  });

  it("sign-out ends the session on the server: the same cookie's session version no longer works", async () => {
    const ana = await user("operator");
    const before = { userId: ana.id, sessionVersion: 0 };
    expect(await actorFromSession(before)).not.toBeNull();
    await endSession({ ...before, email: ana.email });
    expect(await actorFromSession(before)).toBeNull();
    expect(await db.auditEvent.count({ where: { action: "auth.sign_out", actorId: ana.id } })).toBe(1);
    // Signing out again with the dead cookie changes nothing more.
    await endSession({ ...before, email: ana.email });
    expect((await db.user.findUniqueOrThrow({ where: { id: ana.id } })).sessionVersion).toBe(1);
  });

  it("assertTier: 401 without an actor, 403 below the tier, the actor otherwise", () => {
    const viewer = { id: "v", email: "v@x", role: "viewer" } as Actor;
    const operator = { ...viewer, role: "operator" } as Actor;
    const admin = { ...viewer, role: "admin" } as Actor;
    expect(() => assertTier(null, "signedIn")).toThrow(expect.objectContaining({ code: "unauthenticated" }));
    expect(() => assertTier(viewer, "operator")).toThrow(expect.objectContaining({ code: "forbidden" }));
    expect(() => assertTier(operator, "admin")).toThrow(expect.objectContaining({ code: "forbidden" }));
    expect(assertTier(viewer, "signedIn")).toBe(viewer);
    expect(assertTier(operator, "operator")).toBe(operator);
    expect(assertTier(admin, "operator")).toBe(admin);
  });
});
