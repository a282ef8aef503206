import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/passwords";
import { toAppError } from "@/lib/errors";
import { disconnectDb, truncateAll, connectTestDatabase } from "@/lib/test/db";
import { createUser } from "./create-user";
import { clientInput } from "@/lib/test/client-input";

const db = connectTestDatabase();
beforeEach(truncateAll);
afterAll(disconnectDb);

describe("createUser", () => {
  it("stores a normalised e-mail, an argon2id hash and an audit event", async () => {
    const user = await createUser({ email: "  Ana@Example.COM ", role: "operator", password: "correct horse battery" }, null);
    expect(user.email).toBe("ana@example.com");
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.passwordHash, "correct horse battery")).toBe(true);
    const events = await db.auditEvent.findMany({ where: { action: "user.create" } });
    expect(events).toHaveLength(1);
    expect(events[0].summary).not.toContain("correct horse");
  });

  it("refuses a duplicate e-mail as a conflict and writes nothing", async () => {
    await createUser({ email: "a@example.com", role: "viewer", password: "correct horse battery" }, null);
    const err = toAppError(await createUser({ email: "A@example.com", role: "admin", password: "another long password" }, null).catch((e) => e));
    expect(err).toMatchObject({ code: "conflict", message: "Another user already has this email", details: { email: "already exists" } });
    expect(await db.user.count()).toBe(1);
    expect(await db.auditEvent.count()).toBe(1);
  });

  it("rejects unknown roles and short passwords with field errors", async () => {
    const err = await createUser({ email: "b@example.com", role: clientInput("boss"), password: "short" }, null).catch((e) => e);
    expect(err.name).toBe("ZodError");
    const paths = err.issues.map((i: { path: string[] }) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["role", "password"]));
    expect(await db.user.count()).toBe(0);
  });
});
