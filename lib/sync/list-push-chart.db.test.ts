import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { createDestination } from "@/lib/test/factories";
import { listPushChart } from "./list-push-chart";

const db = connectTestDatabase();
beforeEach(truncateAll);
afterAll(disconnectDb);

describe("listPushChart", () => {
  it("gives each destination its last real runs oldest first with sent, failed and uncertain", async () => {
    const cm = await createDestination({ name: "ChartMogul" });
    const pl = await createDestination({ name: "Pipeliner", kind: "pipeliner" });
    await createDestination({ name: "Never used" });
    const run = (destinationId: string, day: number, counts: object, dryRun = false) =>
      db.syncRun.create({ data: { destinationId, selection: {}, status: "succeeded", dryRun, counts, createdAt: new Date(Date.UTC(2027, 0, day)) } });
    const a = await run(cm.id, 1, { total: 10, sent: 10, failed: 0, uncertain: 0 });
    const b = await run(cm.id, 3, { total: 10, sent: 6, failed: 3, uncertain: 1 });
    await run(cm.id, 2, { total: 10, sent: 0, failed: 10, uncertain: 0 }, true);
    const c = await run(pl.id, 2, {});

    const chart = await listPushChart();
    expect(chart.map((d) => d.destination.name)).toEqual(["ChartMogul", "Pipeliner"]);
    expect(chart[0].runs.map((r) => [r.id, r.sent, r.failed, r.uncertain])).toEqual([
      [a.id, 10, 0, 0],
      [b.id, 6, 3, 1],
    ]);
    expect(chart[1].runs.map((r) => [r.id, r.sent, r.failed, r.uncertain])).toEqual([[c.id, 0, 0, 0]]);
    expect((await listPushChart(1))[0].runs.map((r) => r.id)).toEqual([b.id]);
  });
});
