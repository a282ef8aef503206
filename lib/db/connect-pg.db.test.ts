// The sessions that apply or roll back whole imports get a larger work_mem than the server's
// default, configurable; every other session keeps the server's.
import type pg from "pg";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { connectTestDatabase, disconnectDb } from "@/lib/test/db";
import { connectPg } from "./connect-pg";

connectTestDatabase();
const opened: pg.Client[] = [];
const workMemOf = async (client: pg.Client) => {
  opened.push(client);
  return (await client.query("show work_mem")).rows[0].work_mem as string;
};

afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(opened.splice(0).map((client) => client.end()));
});
afterAll(disconnectDb);

describe("connectPg", () => {
  it("gives a bulk session 128 MB of work_mem, or DEALPORT_IMPORT_WORK_MEM_MB, and leaves other sessions at the server's", async () => {
    const serverDefault = await workMemOf(await connectPg("test-plain"));
    expect(serverDefault).not.toBe("128MB");
    expect(await workMemOf(await connectPg("test-bulk", { bulk: true }))).toBe("128MB");
    vi.stubEnv("DEALPORT_IMPORT_WORK_MEM_MB", "64");
    expect(await workMemOf(await connectPg("test-bulk", { bulk: true }))).toBe("64MB");
    expect(await workMemOf(await connectPg("test-plain"))).toBe(serverDefault);
  });
});
