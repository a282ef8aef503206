import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { getTableColumns, saveTableColumns } from "@/lib/preferences/table-columns";
import { DEAL_COLUMN_IDS } from "@/lib/deals/deal-columns";
import { deleteSavedView, listSavedViews, saveView } from "./saved-views";

const db = connectTestDatabase();
beforeEach(truncateAll);
afterAll(disconnectDb);

async function actor(email: string, role: Actor["role"] = "operator"): Promise<Actor> {
  const user = await db.user.create({ data: { email, passwordHash: "x", role } });
  return { id: user.id, email, role };
}

describe("saved views", () => {
  it("private views are the owner's; shared ones reach everyone; saving under a used name replaces", async () => {
    const ann = await actor("ann@example.com");
    const bob = await actor("bob@example.com");
    await saveView(ann, { scope: "deals", name: "My won", query: "stage=Won&page=4&after=abc" });
    await saveView(ann, { scope: "deals", name: "Team renewals", shared: true, query: "pipeline=Renewal&sort=amount&dir=desc", columns: ["name", "amount"] });
    await saveView(bob, { scope: "deals", name: "Bob's", query: "owner=bob@example.com" });

    expect((await listSavedViews(ann, "deals")).map((v) => [v.name, v.mine])).toEqual([
      ["My won", true],
      ["Team renewals", true],
    ]);
    const seenByBob = await listSavedViews(bob, "deals");
    expect(seenByBob.map((v) => [v.name, v.mine, v.ownerEmail])).toEqual([
      ["Bob's", true, "bob@example.com"],
      ["Team renewals", false, "ann@example.com"],
    ]);
    // Paging is not part of a view; the rest is normalised to the table's own URL form.
    expect((await listSavedViews(ann, "deals"))[0].state).toEqual({ query: "stage=Won" });
    expect(seenByBob[1].state).toEqual({ query: "pipeline=Renewal&sort=amount&dir=desc", columns: ["name", "amount"] });
    expect(await listSavedViews(bob, "accounts")).toEqual([]);

    await saveView(ann, { scope: "deals", name: "My won", query: "stage=Won&pipeline=Renewal" });
    expect(await db.savedView.count({ where: { ownerId: ann.id } })).toBe(2);
    expect((await listSavedViews(ann, "deals"))[0].state.query).toBe("stage=Won&pipeline=Renewal");
  });

  it("only the owner (or an admin, for shared views) deletes; another user's private view does not exist for them", async () => {
    const ann = await actor("ann@example.com");
    const bob = await actor("bob@example.com");
    const admin = await actor("root@example.com", "admin");
    const privateView = await saveView(ann, { scope: "deals", name: "Private", query: "" });
    const sharedView = await saveView(ann, { scope: "deals", name: "Shared", shared: true, query: "" });

    await expect(deleteSavedView(bob, privateView.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteSavedView(bob, sharedView.id)).rejects.toMatchObject({ code: "forbidden" });
    await deleteSavedView(admin, sharedView.id);
    await deleteSavedView(ann, privateView.id);
    expect(await db.savedView.count()).toBe(0);
  });

  it("refuses a view without a name", async () => {
    const ann = await actor("ann@example.com");
    await expect(saveView(ann, { scope: "deals", name: "  ", query: "" })).rejects.toThrow();
  });
});

describe("remembered columns", () => {
  it("keeps each table's choice and order, ignores unknown columns, and leaves other preferences alone", async () => {
    const ann = await actor("ann@example.com");
    await db.user.update({ where: { id: ann.id }, data: { preferences: { theme: "dark" } } });
    expect(await getTableColumns(ann.id, "deals", DEAL_COLUMN_IDS)).toBeNull();

    await saveTableColumns(ann.id, "deals", ["amount", "name", "no-such-column", "stage"], DEAL_COLUMN_IDS);
    await saveTableColumns(ann.id, "accounts", ["name"], ["name", "industry"]);
    expect(await getTableColumns(ann.id, "deals", DEAL_COLUMN_IDS)).toEqual(["amount", "name", "stage"]);
    expect(await getTableColumns(ann.id, "accounts", ["name", "industry"])).toEqual(["name"]);
    // A column the app no longer has is skipped on read too.
    expect(await getTableColumns(ann.id, "deals", ["name", "stage"])).toEqual(["name", "stage"]);
    const user = await db.user.findUniqueOrThrow({ where: { id: ann.id } });
    expect(user.preferences).toMatchObject({ theme: "dark" });

    await expect(saveTableColumns(ann.id, "deals", ["nothing-known"], DEAL_COLUMN_IDS)).rejects.toThrow();
  });
});
