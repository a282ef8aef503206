import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { createSource } from "@/lib/test/factories";
import { listImportChart } from "./list-import-chart";

const db = connectTestDatabase();
beforeEach(truncateAll);
afterAll(disconnectDb);

describe("listImportChart", () => {
  it("gives each source its last runs oldest first with deal counts, held, rolled-back and rollback runs marked", async () => {
    const s3 = await createSource({ name: "S3 drop" });
    const crm = await createSource({ name: "CRM" });
    const run = (sourceId: string, day: number, status: string, counts: object, extra = {}) =>
      db.importRun.create({ data: { sourceId, status, trigger: "manual", startedAt: new Date(Date.UTC(2027, 0, day)), counts, ...extra } });
    const first = await run(s3.id, 1, "succeeded", { new: 100, changed: 0, removed: 0, rejected: 2 });
    const held = await run(s3.id, 2, "succeeded", { new: 0, changed: 5, removed: 40, rejected: 0 }, { holdReasons: [{ rule: "removed" }] });
    const undo = await run(s3.id, 3, "succeeded", { new: 40, changed: 5, removed: 0 }, { rollbackOfRunId: held.id });
    await db.importRun.update({ where: { id: held.id }, data: { rolledBackByRunId: undo.id } });
    await run(s3.id, 4, "failed", {});
    await run(s3.id, 5, "running", {});
    await run(crm.id, 1, "held", { new: 1, changed: 0, removed: 0, rejected: 0 }, { holdReasons: [{ rule: "always" }] });

    const chart = await listImportChart();
    expect(chart.map((c) => c.source.name)).toEqual(["CRM", "S3 drop"]);
    const [crmRuns, s3Runs] = chart.map((c) => c.runs);
    expect(crmRuns.map((r) => [r.status, r.held])).toEqual([["held", true]]);
    expect(s3Runs.map((r) => ({ id: r.id, new: r.new, changed: r.changed, removed: r.removed, rejected: r.rejected, held: r.held, rolledBack: r.rolledBack, rollbackOf: r.rollbackOfNumber }))).toEqual([
      { id: first.id, new: 100, changed: 0, removed: 0, rejected: 2, held: false, rolledBack: false, rollbackOf: null },
      { id: held.id, new: 0, changed: 5, removed: 40, rejected: 0, held: true, rolledBack: true, rollbackOf: null },
      { id: undo.id, new: 40, changed: 5, removed: 0, rejected: 0, held: false, rolledBack: false, rollbackOf: held.number },
    ]);

    // Only the latest runs per source, still oldest first.
    expect((await listImportChart(2)).find((c) => c.source.id === s3.id)!.runs.map((r) => r.id)).toEqual([held.id, undo.id]);
  });
});
