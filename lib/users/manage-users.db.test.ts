import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { actorFromBearer, actorFromSession } from "@/lib/auth/actor";
import { createApiToken } from "@/lib/auth/api-tokens";
import { verifyPassword } from "@/lib/auth/passwords";
import type { Actor } from "@/lib/auth/permissions";
import { signIn } from "@/lib/auth/sign-in";
import { AppError } from "@/lib/errors";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { addUser } from "./add-user";
import { changeUserRole } from "./change-user-role";
import { createUser } from "./create-user";
import { listUsers } from "./list-users";
import { resetUserPassword } from "./reset-user-password";
import { setUserDisabled } from "./set-user-disabled";

const db = connectTestDatabase();
beforeEach(truncateAll);
afterAll(disconnectDb);

const PASSWORD = "correct horse battery";
async function make(email: string, role: Actor["role"]): Promise<Actor> {
  const u = await createUser({ email, role, password: PASSWORD }, null);
  return { id: u.id, email: u.email, role: u.role };
}
const session = async (id: string) => {
  const u = await db.user.findUniqueOrThrow({ where: { id } });
  return { userId: u.id, sessionVersion: u.sessionVersion };
};
const conflict = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail("expected a conflict"),
    (err) => {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("conflict");
      return (err as AppError).message;
    },
  );

describe("user management", () => {
  it("adds a user with a generated password that signs in, and lists users without hashes", async () => {
    const admin = await make("admin@example.com", "admin");
    const { user, password } = await addUser({ email: "New@Example.com", role: "operator", name: "New" }, admin);
    expect(password.length).toBeGreaterThanOrEqual(16);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(row.passwordHash, password)).toBe(true);
    const users = await listUsers();
    expect(users.map((u) => u.email)).toEqual(["admin@example.com", "new@example.com"]);
    expect(JSON.stringify(users)).not.toContain("argon2");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "user.create", targetId: user.id } });
    expect(audit.actorEmail).toBe("admin@example.com");
    expect(audit.summary).not.toContain(password);
  });

  it("changes a role, ends the user's session and audits before/after", async () => {
    const admin = await make("admin@example.com", "admin");
    const op = await make("op@example.com", "operator");
    const before = await session(op.id);
    await changeUserRole({ userId: op.id, role: "viewer" }, admin);
    expect(await actorFromSession(before)).toBeNull();
    expect(await actorFromSession(await session(op.id))).toMatchObject({ role: "viewer" });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "user.role" } });
    expect(audit.details).toEqual({ before: "operator", after: "viewer" });
  });

  it("disabling ends sessions and API tokens at once and blocks sign-in; enabling restores sign-in", async () => {
    const admin = await make("admin@example.com", "admin");
    const viewer = await make("viewer@example.com", "viewer");
    const { token } = await createApiToken(viewer, { name: "script" });
    const before = await session(viewer.id);
    expect(await actorFromBearer(`Bearer ${token}`)).not.toBeNull();
    await setUserDisabled({ userId: viewer.id, disabled: true }, admin);
    expect(await actorFromSession(before)).toBeNull();
    expect(await actorFromBearer(`Bearer ${token}`)).toBeNull();
    await expect(signIn({ email: viewer.email, password: PASSWORD }, "1.2.3.4")).rejects.toThrow("Wrong e-mail or password");
    await setUserDisabled({ userId: viewer.id, disabled: false }, admin);
    await expect(signIn({ email: viewer.email, password: PASSWORD }, "1.2.3.5")).resolves.toMatchObject({ email: viewer.email });
    // Disabling revoked the token: enabling does not bring it back.
    expect(await actorFromBearer(`Bearer ${token}`)).toBeNull();
    expect((await db.apiToken.findFirstOrThrow({ where: { userId: viewer.id } })).revokedAt).not.toBeNull();
    const actions = (await db.auditEvent.findMany({ where: { targetId: viewer.id }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["user.disable", "user.enable"]));
  });

  it("a password reset revokes the user's API tokens and says how many in the audit log", async () => {
    const admin = await make("admin@example.com", "admin");
    const op = await make("op@example.com", "operator");
    const tokens = [await createApiToken(op, { name: "a" }), await createApiToken(op, { name: "b" })];
    const adminToken = await createApiToken(admin, { name: "mine" });
    const result = await resetUserPassword(op.id, admin);
    expect(result.revokedTokens).toBe(2);
    for (const { token } of tokens) expect(await actorFromBearer(`Bearer ${token}`)).toBeNull();
    expect(await actorFromBearer(`Bearer ${adminToken.token}`)).toMatchObject({ id: admin.id });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "user.reset_password" } });
    expect(audit).toMatchObject({ summary: "Reset the password of op@example.com; revoked 2 API tokens", details: { revokedTokens: 2 } });
  });

  it("never demotes or disables the last enabled admin, and nobody disables themselves", async () => {
    const admin = await make("admin@example.com", "admin");
    expect(await conflict(changeUserRole({ userId: admin.id, role: "operator" }, admin))).toMatch(/last enabled admin/);
    expect(await conflict(setUserDisabled({ userId: admin.id, disabled: true }, null))).toMatch(/last enabled admin/);
    expect(await conflict(setUserDisabled({ userId: admin.id, disabled: true }, admin))).toMatch(/your own account/);
    const second = await make("second@example.com", "admin");
    await setUserDisabled({ userId: second.id, disabled: true }, admin);
    // A disabled admin does not count: the first is still the last enabled one.
    expect(await conflict(changeUserRole({ userId: admin.id, role: "viewer" }, second))).toMatch(/last enabled admin/);
    await setUserDisabled({ userId: second.id, disabled: false }, admin);
    await changeUserRole({ userId: admin.id, role: "viewer" }, second);
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("viewer");
  });

  it("two admins demoting each other at once leave one admin", async () => {
    const a = await make("a@example.com", "admin");
    const b = await make("b@example.com", "admin");
    const results = await Promise.allSettled([changeUserRole({ userId: a.id, role: "viewer" }, b), changeUserRole({ userId: b.id, role: "viewer" }, a)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.user.count({ where: { role: "admin" } })).toBe(1);
  });

  it("resets a password: the old one stops, the new one works, sessions end, nothing secret is audited", async () => {
    const admin = await make("admin@example.com", "admin");
    const op = await make("op@example.com", "operator");
    const before = await session(op.id);
    const { password } = await resetUserPassword(op.id, admin);
    expect(await actorFromSession(before)).toBeNull();
    await expect(signIn({ email: op.email, password: PASSWORD }, "9.9.9.9")).rejects.toThrow();
    await expect(signIn({ email: op.email, password }, "9.9.9.8")).resolves.toMatchObject({ email: op.email });
    const audit = JSON.stringify(await db.auditEvent.findMany({ select: { summary: true, details: true } }));
    expect(audit).not.toContain(password);
  });

  it("answers not_found for an unknown user", async () => {
    const admin = await make("admin@example.com", "admin");
    await expect(changeUserRole({ userId: "nope", role: "viewer" }, admin)).rejects.toMatchObject({ code: "not_found" });
    await expect(resetUserPassword("nope", admin)).rejects.toMatchObject({ code: "not_found" });
  });
});
