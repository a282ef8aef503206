// The accounts list's search takes %, _ and \ as typed, as the deals search does.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { createAccount, createSource } from "@/lib/test/factories";
import { listAccounts } from "./list-accounts";

connectTestDatabase();
afterAll(disconnectDb);
beforeEach(truncateAll);

describe("listAccounts", () => {
  it("searches names with %, _ and \\ as typed, not as wildcards", async () => {
    const source = await createSource({ name: "Drop" });
    await createAccount(source.id, { name: "Tick_Tock 100% \\ Co" });
    await createAccount(source.id, { name: "TickXTock 1000 Co" });
    const names = async (q: string) => (await listAccounts({ filter: { q }, limit: 50 })).rows.map((r) => r.name);
    expect(await names("k_T")).toEqual(["Tick_Tock 100% \\ Co"]);
    expect(await names("100%")).toEqual(["Tick_Tock 100% \\ Co"]);
    expect(await names("%")).toEqual(["Tick_Tock 100% \\ Co"]);
    expect(await names("\\ c")).toEqual(["Tick_Tock 100% \\ Co"]);
    expect(await names("tock")).toHaveLength(2);
  });
});
