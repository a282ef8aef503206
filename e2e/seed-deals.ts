// Deals for the browse journeys (inserted directly: the import pipeline is not what they
// test). 720 deals cycling through 4 stages × 3 pipelines, so "Won + Renewal" matches 60:
// more than one page of 50.
import { getDb } from "@/lib/db/client";

export const SEED_STAGES = ["Qualified", "Proposal", "Won", "Lost"];
export const SEED_PIPELINES = ["New business", "Renewal", "Expansion"];
export const SEED_DEAL_COUNT = 720;

export async function seedBrowseDeals() {
  const db = getDb();
  const source = await db.source.create({ data: { name: "Seed S3 drop", kind: "s3_flatfile", format: "jointflows", config: {} } });
  const accounts = await Promise.all(
    ["Acme Corp", "Globex", "Initech", "Umbrella"].map((name, i) =>
      db.account.create({ data: { sourceId: source.id, externalId: `A${i}`, name, industry: "Software", contentHash: "seed" } }),
    ),
  );
  await db.contact.create({
    data: { sourceId: source.id, externalId: "C1", accountId: accounts[0].id, firstName: "Ada", lastName: "Lovelace", email: "ada@acme.test", role: "CTO", isPrimary: true, contentHash: "seed" },
  });
  const destination = await db.destination.create({ data: { name: "ChartMogul (seed)", kind: "chartmogul" } });
  const run = await db.importRun.create({ data: { sourceId: source.id, status: "succeeded", trigger: "manual", finishedAt: new Date() } });
  // The run wrote every seeded deal, so their statuses are the ones it gave them.
  await db.source.update({ where: { id: source.id }, data: { latestDealRunId: run.id } });
  await db.deal.createMany({
    data: Array.from({ length: SEED_DEAL_COUNT }, (_, i) => {
      const amount = BigInt(1000 + ((i * 7919) % 90_000)) * 100n;
      return {
        id: `seed-deal-${String(i).padStart(4, "0")}`,
        sourceId: source.id,
        externalId: `D${i}`,
        accountId: accounts[i % 4].id,
        name: `${["Platform", "Renewal", "Expansion", "Pilot", "Seats"][i % 5]} deal ${String(i).padStart(3, "0")}`,
        stage: SEED_STAGES[i % 4],
        pipeline: SEED_PIPELINES[i % 3],
        owner: `owner${i % 7}@example.com`,
        amountMinor: amount,
        currency: i % 2 ? "EUR" : "USD",
        amountBaseMinor: i % 2 ? (amount * 108n) / 100n : amount,
        closeDate: new Date(Date.UTC(2027, i % 12, 1 + (i % 28))),
        contentHash: "seed",
        lastImportStatus: ["new", "changed", "unchanged"][i % 3],
        properties: { project_type: i % 2 ? "implementation" : "subscription" },
        provenance: { runId: run.id, file: "deals.csv", line: i + 2 },
        firstSeenRunId: run.id,
        lastSeenRunId: run.id,
      };
    }),
  });
  await db.dealChange.create({
    data: { runId: run.id, dealId: "seed-deal-0002", kind: "changed", diff: [{ field: "stage", before: "Proposal", after: "Won" }, { field: "amountMinor", before: "100000", after: "108000" }] },
  });
  await db.link.create({ data: { dealId: "seed-deal-0002", destinationId: destination.id, externalId: "cm_opp_42", url: "https://app.chartmogul.com/opportunities/cm_opp_42" } });
}
