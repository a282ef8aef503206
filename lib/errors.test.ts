import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { AppError, toAppError } from "./errors";

// Shaped as Prisma 7 throws them through the pg driver adapter (checked against a real database
// in lib/users/create-user.db.test.ts).
function prismaError(code: string, meta: object) {
  return Object.assign(new Error("Invalid `db.x()` invocation: internal detail"), { name: "PrismaClientKnownRequestError", code, meta, clientVersion: "7" });
}

describe("toAppError", () => {
  it("maps a unique violation to 409 naming the field, never the internal message", () => {
    const err = toAppError(
      prismaError("P2002", { modelName: "ApiToken", driverAdapterError: { cause: { kind: "UniqueConstraintViolation", constraint: { index: "ApiToken_name_key" }, table: "ApiToken" } } }),
    );
    expect(err).toMatchObject({ code: "conflict", status: 409, message: "Another api token already has this name", details: { name: "already exists" } });
  });

  it("maps a missing record to 404", () => {
    expect(toAppError(prismaError("P2025", { modelName: "SyncRun", operation: "an update" }))).toMatchObject({ code: "not_found", status: 404, message: "The sync run was not found" });
  });

  it("keeps AppErrors, turns ZodErrors into field errors and anything else into a generic 500", () => {
    const own = new AppError("forbidden", "no");
    expect(toAppError(own)).toBe(own);
    expect(toAppError(new ZodError([{ code: "custom", path: ["email"], message: "bad", input: "" }]))).toMatchObject({ code: "validation_failed", details: { email: "bad" } });
    expect(toAppError(prismaError("P2003", {}))).toMatchObject({ code: "internal", message: "Something went wrong" });
  });
});
