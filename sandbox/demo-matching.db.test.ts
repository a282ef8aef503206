// The demo's fake CRMs hold the sample accounts the way real systems do, so a newcomer
// sees every matching rule at work and a few accounts waiting in the Matching view.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getMatchingReport } from "@/lib/matching/matching-report";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { ensureTestSecretKey } from "@/lib/test/push-fixtures";
import { ensureDemoDestinations } from "./demo-destinations";
import { ensureDemoSources } from "./demo-sources";
import { startSandbox, type Sandbox } from "./index";

connectTestDatabase();
let sandbox: Sandbox;

beforeAll(async () => {
  // Only the demo's data: accounts or links other files left would add matches of their own.
  await truncateAll();
  ensureTestSecretKey();
  sandbox = await startSandbox();
  await ensureDemoSources(sandbox, () => {});
  await ensureDemoDestinations(sandbox, () => {});
}, 120_000);
afterAll(async () => {
  await sandbox?.stop();
  await disconnectDb();
});

describe("demo matching", () => {
  it.each(["ChartMogul (sandbox)", "Pipeliner (sandbox)"])("%s: the sample accounts match by domain, none by our ids; some need the Matching view", async (name) => {
    const report = await getMatchingReport(name);
    const rules = new Set(report.automatic.map((a) => a.rule));
    expect(rules).toEqual(new Set(["domain"]));
    // The Jointflows sample accounts (with a website): most match on their own…
    const sampleUnmatched = report.unmatched.filter((u) => u.url);
    expect(report.counts.automatic).toBeGreaterThan(3 * sampleUnmatched.length);
    // …and a few wait for a person, with a similar name to confirm.
    expect(sampleUnmatched.length).toBeGreaterThanOrEqual(4);
    expect(sampleUnmatched.every((u) => u.suggestions.some((s) => s.kind === "name" && s.score >= 0.8))).toBe(true);
    // Dreamdata's companies (named by id, no website) are found through their contacts' e-mail domain: bulk-confirmable.
    expect(report.counts.bulkConfirmable).toBeGreaterThanOrEqual(10);
  });
});
