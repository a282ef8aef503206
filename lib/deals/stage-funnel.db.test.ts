import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { createDeal, createSource } from "@/lib/test/factories";
import { getStageFunnel } from "./stage-funnel";

const db = connectTestDatabase();
beforeEach(truncateAll);
afterAll(disconnectDb);

describe("getStageFunnel", () => {
  it("counts and sums deals per stage per pipeline for the filter, widest first, removed and linked deals left out like the table", async () => {
    const source = await createSource();
    const other = await createSource();
    const deal = (stage: string | null, pipeline: string | null, amountBaseMinor: bigint | null, extra = {}) =>
      createDeal(source.id, { stage, pipeline, amountBaseMinor, owner: "ada@example.com", ...extra });
    await deal("Discovery", "New", 100n);
    await deal("Discovery", "New", 200n);
    await deal("Discovery", "New", null); // no rate: counted, not summed
    await deal("Won", "New", 1000n);
    await deal("Won", "Renewal", 50n);
    await deal(null, "Renewal", 5n);
    await deal("Won", "New", 999n, { removedAt: new Date() });
    const root = await deal("Proposal", "New", 10n);
    // The same deal from another source: its group counts once.
    const twin = await createDeal(other.id, { stage: "Proposal", pipeline: "New", amountBaseMinor: 10n });
    await db.deal.update({ where: { id: twin.id }, data: { linkedToDealId: root.id } });

    const funnel = await getStageFunnel({ status: "active" });
    expect(funnel.baseCurrency).toBe("USD");
    expect(funnel.pipelines.map((p) => [p.pipeline, p.count, p.totalBaseMinor])).toEqual([
      ["New", 5, 1310n],
      ["Renewal", 2, 55n],
    ]);
    expect(funnel.pipelines[0].stages).toEqual([
      { stage: "Discovery", count: 3, totalBaseMinor: 300n, withoutBaseAmount: 1 },
      { stage: "Proposal", count: 1, totalBaseMinor: 10n, withoutBaseAmount: 0 },
      { stage: "Won", count: 1, totalBaseMinor: 1000n, withoutBaseAmount: 0 },
    ]);
    expect(funnel.pipelines[1].stages.map((s) => s.stage)).toEqual([null, "Won"]);

    const narrowed = await getStageFunnel({ status: "active", pipeline: ["Renewal"], owner: ["ada@example.com"] });
    expect(narrowed.pipelines.map((p) => [p.pipeline, p.count])).toEqual([["Renewal", 2]]);
    expect((await getStageFunnel({ owner: ["nobody@example.com"] })).pipelines).toEqual([]);
  });
});
