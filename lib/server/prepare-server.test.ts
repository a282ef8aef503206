import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { readEnv } from "@/lib/env";
import { assertStartupConfiguration } from "./prepare-server";

const env = (vars: Record<string, string>) => readEnv(vars as NodeJS.ProcessEnv);

describe("assertStartupConfiguration", () => {
  it("refuses a missing key with how to make one", () => {
    expect(() => assertStartupConfiguration(env({}))).toThrow(/DEALPORT_SECRET_KEY is not set\. Create one with `openssl rand -base64 32`/);
  });
  it("refuses a malformed key without printing it", () => {
    const bad = "not-a-real-key-but-long-enough";
    let message = "";
    try {
      assertStartupConfiguration(env({ DEALPORT_SECRET_KEY: bad }));
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/DEALPORT_SECRET_KEY is malformed/);
    expect(message).not.toContain(bad);
  });
  it("accepts a 32-byte key, and the demo without one", () => {
    expect(() => assertStartupConfiguration(env({ DEALPORT_SECRET_KEY: randomBytes(32).toString("base64") }))).not.toThrow();
    expect(() => assertStartupConfiguration(env({ DEALPORT_DEMO: "1" }))).not.toThrow();
  });
});
