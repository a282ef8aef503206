// The deals queries against a real PostgreSQL: every filter alone and combined, every sort
// walked page by page both ways, and the summaries, compared with the same rules applied
// in plain TypeScript to the rows the test inserted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { createAccount, createDeal, createDestination, createSource, linkDeal } from "@/lib/test/factories";
import type { DealFilter } from "./deal-filter";
import { DEAL_SORT_KEYS, type DealSortKey } from "./deal-sort";
import { listDeals } from "./list-deals";
import { countMatchingDeals } from "./count-matching-deals";
import { countDeals, idsInSelection, summarizeDeals, summarizeSelection } from "./summarize-deals";
import { listDealFacets } from "./list-deal-facets";
import { exportDealsCsv } from "./export-deals-csv";

const db = connectTestDatabase();
afterAll(disconnectDb);

type Fixture = {
  id: string;
  name: string;
  stage: string | null;
  pipeline: string | null;
  owner: string | null;
  sourceId: string;
  accountId: string | null;
  accountName: string | null;
  amountBaseMinor: bigint | null;
  closeDate: string | null;
  lastImportStatus: string;
  removed: boolean;
  pushedTo: string[];
};

const STAGES = ["Qualified", "Proposal", "Won", "Lost", null];
const PIPELINES = ["New business", "Renewal", null];
const OWNERS = ["ann@example.com", "bob@example.com", "cy@example.com", null];
const deals: Fixture[] = [];
let sources: string[] = [];
let accounts: { id: string; name: string }[] = [];
let destinations: string[] = [];

beforeAll(async () => {
  await truncateAll();
  sources = [(await createSource({ name: "S3 drop" })).id, (await createSource({ name: "Exact" })).id];
  accounts = [];
  for (const name of ["Acme Corp", "Globex", "Initech"]) accounts.push(await createAccount(sources[0], { name }));
  destinations = [(await createDestination({ name: "ChartMogul" })).id, (await createDestination({ name: "Pipeliner", kind: "pipeliner" })).id];
  // 60 deals whose attributes cycle with different periods, so every combination occurs and
  // values repeat (ties on the sort column are broken by id).
  for (let i = 0; i < 60; i++) {
    const account = i % 4 === 3 ? null : accounts[i % 3];
    const fixture = {
      name: `Deal ${String(i % 25).padStart(2, "0")} ${["alpha", "beta", "vertex"][i % 3]}`,
      stage: STAGES[i % 5],
      pipeline: PIPELINES[i % 3],
      owner: OWNERS[i % 4],
      sourceId: sources[i % 2],
      accountId: account?.id ?? null,
      accountName: account?.name ?? null,
      amountBaseMinor: i % 6 === 5 ? null : BigInt((i % 10) * 10_000),
      closeDate: i % 7 === 6 ? null : `2027-0${(i % 9) + 1}-1${i % 10}`,
      lastImportStatus: ["new", "changed", "unchanged"][i % 3],
      removed: i % 11 === 10,
      pushedTo: [i % 4 === 0 ? destinations[0] : null, i % 5 === 0 ? destinations[1] : null].filter((d): d is string => d !== null),
    };
    const row = await createDeal(fixture.sourceId, {
      name: fixture.name,
      stage: fixture.stage,
      pipeline: fixture.pipeline,
      owner: fixture.owner,
      accountId: fixture.accountId,
      amountMinor: fixture.amountBaseMinor,
      amountBaseMinor: fixture.amountBaseMinor,
      closeDate: fixture.closeDate,
      lastImportStatus: fixture.removed ? "removed" : fixture.lastImportStatus,
      removedAt: fixture.removed ? new Date() : null,
    });
    for (const destination of fixture.pushedTo) await linkDeal(row.id, destination);
    deals.push({ ...fixture, id: row.id });
  }
});

/** The filter rules, restated in TypeScript: the oracle the SQL must agree with. */
function matches(d: Fixture, f: DealFilter): boolean {
  if (f.stage && !f.stage.includes(d.stage ?? "")) return false;
  if (f.pipeline && !f.pipeline.includes(d.pipeline ?? "")) return false;
  if (f.owner && !f.owner.includes(d.owner ?? "")) return false;
  if (f.source && !f.source.includes(d.sourceId)) return false;
  if (f.account && d.accountId !== f.account) return false;
  if (f.closeFrom && (!d.closeDate || d.closeDate < f.closeFrom)) return false;
  if (f.closeTo && (!d.closeDate || d.closeDate > f.closeTo)) return false;
  if (f.amountMin !== undefined && (d.amountBaseMinor === null || d.amountBaseMinor < f.amountMin)) return false;
  if (f.amountMax !== undefined && (d.amountBaseMinor === null || d.amountBaseMinor > f.amountMax)) return false;
  if (f.status === "active" && d.removed) return false;
  if (f.status === "removed" && !d.removed) return false;
  if ((f.status === "new" || f.status === "changed") && (d.removed || d.lastImportStatus !== f.status)) return false;
  if (f.pushedTo && !d.pushedTo.includes(f.pushedTo)) return false;
  if (f.notPushedTo && d.pushedTo.includes(f.notPushedTo)) return false;
  if (f.q) {
    const q = f.q.toLowerCase();
    if (!d.name.toLowerCase().includes(q) && !(d.accountName ?? "").toLowerCase().includes(q)) return false;
  }
  return true;
}

async function allIds(filter: DealFilter, sort: DealSortKey = "name", dir: "asc" | "desc" = "asc", limit = 7) {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const page = await listDeals({ filter, sort, dir, limit, after });
    ids.push(...page.rows.map((r) => r.id));
    after = page.nextCursor ?? undefined;
  } while (after);
  return ids;
}

const SINGLE_FILTERS: Record<string, () => DealFilter> = {
  "stage (one)": () => ({ stage: ["Won"] }),
  "stage (several)": () => ({ stage: ["Won", "Proposal"] }),
  "pipeline (one)": () => ({ pipeline: ["Renewal"] }),
  "pipeline (several)": () => ({ pipeline: ["Renewal", "New business"] }),
  owner: () => ({ owner: ["ann@example.com"] }),
  source: () => ({ source: [sources[1]] }),
  account: () => ({ account: accounts[0].id }),
  "close from": () => ({ closeFrom: "2027-05-01" }),
  "close to": () => ({ closeTo: "2027-03-15" }),
  "close range": () => ({ closeFrom: "2027-02-01", closeTo: "2027-06-30" }),
  "amount min": () => ({ amountMin: 50_000n }),
  "amount max": () => ({ amountMax: 20_000n }),
  "amount range": () => ({ amountMin: 20_000n, amountMax: 60_000n }),
  "status active": () => ({ status: "active" }),
  "status removed": () => ({ status: "removed" }),
  "status new": () => ({ status: "new" }),
  "status changed": () => ({ status: "changed" }),
  "pushed to": () => ({ pushedTo: destinations[0] }),
  "not pushed to": () => ({ notPushedTo: destinations[1] }),
  "text in deal name": () => ({ q: "ALPHA" }),
  "text in account name": () => ({ q: "globex" }),
  "text in either": () => ({ q: "ex" }),
};

describe("listDeals filters", () => {
  for (const [label, make] of Object.entries(SINGLE_FILTERS)) {
    it(`${label}: returns exactly the matching deals`, async () => {
      const filter = make();
      const expected = deals.filter((d) => matches(d, filter)).map((d) => d.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(deals.length);
      expect((await allIds(filter)).sort()).toEqual(expected.sort());
    });
  }

  it("every pair of filters combines with AND", async () => {
    const labels = Object.keys(SINGLE_FILTERS);
    let nonEmpty = 0;
    for (let a = 0; a < labels.length; a++) {
      for (let b = a + 1; b < labels.length; b++) {
        const filter = { ...SINGLE_FILTERS[labels[a]](), ...SINGLE_FILTERS[labels[b]]() };
        const expected = deals.filter((d) => matches(d, filter)).map((d) => d.id).sort();
        if (expected.length) nonEmpty++;
        expect((await allIds(filter, "name", "asc", 50)).sort(), `${labels[a]} + ${labels[b]}`).toEqual(expected);
      }
    }
    expect(nonEmpty).toBeGreaterThan(100);
  });

  it("stage + pipeline + owner + amount + text together", async () => {
    const filter: DealFilter = { stage: ["Won", "Qualified"], pipeline: ["New business"], owner: ["ann@example.com", "bob@example.com"], amountMin: 0n, q: "a" };
    const expected = deals.filter((d) => matches(d, filter)).map((d) => d.id).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect((await allIds(filter)).sort()).toEqual(expected);
  });

  it("text search takes %, _ and \\ as typed, in deal and account names, in the page and its count", async () => {
    const account = await createAccount(sources[0], { name: "Tick_Tock 100%" });
    const deal = await createDeal(sources[0], { name: "Discount 50% off_peak \\ net", accountId: account.id });
    try {
      const found: [string, string[]][] = [
        ["50%", [deal.id]],
        ["f_p", [deal.id]],
        ["\\ n", [deal.id]],
        ["k_t", [deal.id]],
        ["%", [deal.id]],
        // As wildcards these matched "Deal 01 alpha" and every deal.
        ["deal_0", []],
        ["_", [deal.id]],
      ];
      for (const [q, ids] of found) {
        expect(await allIds({ q }), q).toEqual(ids);
        expect(await countMatchingDeals({ q }), q).toEqual({ count: ids.length, exact: true });
      }
    } finally {
      await db.deal.delete({ where: { id: deal.id } });
      await db.account.delete({ where: { id: account.id } });
    }
  });
});

const SORT_VALUE: Record<DealSortKey, (d: Fixture) => string | bigint | null> = {
  name: (d) => d.name,
  stage: (d) => d.stage,
  pipeline: (d) => d.pipeline,
  owner: (d) => d.owner,
  amount: (d) => d.amountBaseMinor,
  closeDate: (d) => d.closeDate,
};

/** Values in the direction asked, empty values last either way, ties by id in the same direction. */
function expectedOrder(sort: DealSortKey, dir: "asc" | "desc", rows = deals) {
  const sign = dir === "asc" ? 1 : -1;
  return [...rows]
    .sort((x, y) => {
      const a = SORT_VALUE[sort](x);
      const b = SORT_VALUE[sort](y);
      if (a === null || b === null) return a === b ? sign * (x.id < y.id ? -1 : 1) : a === null ? 1 : -1;
      if (a !== b) return sign * (a < b ? -1 : 1);
      return sign * (x.id < y.id ? -1 : 1);
    })
    .map((d) => d.id);
}

describe("listDeals keyset pagination", () => {
  for (const sort of DEAL_SORT_KEYS) {
    for (const dir of ["asc", "desc"] as const) {
      it(`${sort} ${dir}: forward pages give the full order once, backward pages give the same pages`, async () => {
        const forward: string[][] = [];
        const cursors: (string | null)[] = [];
        let after: string | undefined;
        do {
          const page = await listDeals({ sort, dir, limit: 8, after });
          forward.push(page.rows.map((r) => r.id));
          cursors.push(page.prevCursor);
          after = page.nextCursor ?? undefined;
        } while (after);
        expect(forward.flat()).toEqual(expectedOrder(sort, dir));
        expect(cursors[0]).toBeNull();

        // From the last page, "previous" must rebuild every earlier page exactly.
        let before = cursors.at(-1) ?? undefined;
        for (let i = forward.length - 2; i >= 0; i--) {
          const page = await listDeals({ sort, dir, limit: 8, before });
          expect(page.rows.map((r) => r.id)).toEqual(forward[i]);
          expect(page.nextCursor).not.toBeNull();
          before = page.prevCursor ?? undefined;
          if (i === 0) expect(page.prevCursor).toBeNull();
        }
      });
    }
  }

  // The pages above are unfiltered (one statement each); a filtered page reads its ids first
  // under its own planner settings: the same order, every sort, both ways.
  for (const sort of DEAL_SORT_KEYS) {
    for (const dir of ["asc", "desc"] as const) {
      it(`a filtered sort (${sort} ${dir}) pages through only the matches`, async () => {
        const filter: DealFilter = { stage: ["Won", "Lost"] };
        expect(await allIds(filter, sort, dir, 3)).toEqual(expectedOrder(sort, dir, deals.filter((d) => matches(d, filter))));
      });
    }
  }

  it("refuses a cursor that does not decode", async () => {
    await expect(listDeals({ after: "bm90LWEtY3Vyc29y" })).rejects.toMatchObject({ code: "bad_request" });
  });
});

describe("summaries and selections", () => {
  it("counts and totals all matching deals in the base currency", async () => {
    const filter: DealFilter = { stage: ["Won", "Proposal"], pipeline: ["Renewal"] };
    const matching = deals.filter((d) => matches(d, filter));
    expect(await countDeals(filter)).toBe(matching.length);
    const summary = await summarizeDeals(filter);
    expect(summary).toEqual({
      count: matching.length,
      totalBaseMinor: matching.reduce((sum, d) => sum + (d.amountBaseMinor ?? 0n), 0n),
      withoutBaseAmount: matching.filter((d) => d.amountBaseMinor === null).length,
      baseCurrency: "USD",
    });
  });

  it("the page's figure is exact up to the threshold, PostgreSQL's estimate beyond it, and exact on demand", async () => {
    const filter: DealFilter = { stage: ["Won", "Proposal"] };
    const matching = deals.filter((d) => matches(d, filter)).length;
    expect(await countMatchingDeals(filter)).toEqual({ count: matching, exact: true });
    expect(await countMatchingDeals(filter, { exactUpTo: matching })).toEqual({ count: matching, exact: true });

    await db.$executeRawUnsafe(`analyze "Deal"`);
    const estimated = await countMatchingDeals(filter, { exactUpTo: 5 });
    expect(estimated.exact).toBe(false);
    // Never below what the bounded count proved; from the column statistics, near the truth.
    expect(estimated.count).toBeGreaterThan(5);
    expect(estimated.count).toBeGreaterThanOrEqual(Math.floor(matching / 2));
    expect(estimated.count).toBeLessThanOrEqual(matching * 2);
    // A text search (account names resolved to ids first) is estimated the same way.
    expect((await countMatchingDeals({ q: "acme" }, { exactUpTo: 3 })).exact).toBe(false);
    expect(await countMatchingDeals(filter, { exact: true, exactUpTo: 5 })).toEqual({ count: matching, exact: true });
  });

  it("a select-all selection minus excluded ids covers the rest of the matches, without listing them", async () => {
    const filter: DealFilter = { stage: ["Won"] };
    const matching = deals.filter((d) => matches(d, filter));
    const excluded = matching.slice(0, 2).map((d) => d.id);
    const summary = await summarizeSelection({ mode: "filter", filter, excludeIds: excluded });
    expect(summary.count).toBe(matching.length - 2);
    const visible = deals.slice(0, 20).map((d) => d.id);
    const inSelection = await idsInSelection({ mode: "filter", filter, excludeIds: excluded }, visible);
    expect(inSelection.sort()).toEqual(visible.filter((id) => matching.some((m) => m.id === id) && !excluded.includes(id)).sort());
  });

  it("an explicit-ids selection counts and totals those deals", async () => {
    const picked = [deals[1], deals[2], deals[4]];
    const summary = await summarizeSelection({ mode: "ids", ids: picked.map((d) => d.id) });
    expect(summary.count).toBe(3);
    expect(summary.totalBaseMinor).toBe(picked.reduce((s, d) => s + (d.amountBaseMinor ?? 0n), 0n));
  });
});

describe("facets and export", () => {
  it("lists the distinct stages, pipelines and owners, the sources and destinations", async () => {
    const facets = await listDealFacets();
    expect(facets.stages).toEqual(["Lost", "Proposal", "Qualified", "Won"]);
    expect(facets.pipelines).toEqual(["New business", "Renewal"]);
    expect(facets.owners).toEqual(["ann@example.com", "bob@example.com", "cy@example.com"]);
    expect(facets.sources.map((s) => s.name)).toEqual(["Exact", "S3 drop"]);
    expect(facets.destinations.map((d) => d.name)).toEqual(["ChartMogul", "Pipeliner"]);
  });

  it("exports every matching deal in the table's order with formula cells neutralised", async () => {
    const source = sources[0];
    const formula = await createDeal(source, { name: "=HYPERLINK(\"http://evil\")", stage: "Formula", amountMinor: 1234n, amountBaseMinor: 1234n });
    let csv = "";
    for await (const chunk of exportDealsCsv({ stage: ["Formula", "Won"] }, { sort: "name", dir: "asc" })) csv += chunk;
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("id,external_id,name,account,stage,pipeline,owner,amount,currency,amount_usd,close_date,source,last_import_status,removed_at,pushed_to");
    expect(lines).toHaveLength(1 + 1 + deals.filter((d) => d.stage === "Won").length);
    const formulaLine = lines.find((l) => l.startsWith(formula.id))!;
    expect(formulaLine).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(formulaLine).toContain(",12.34,USD,12.34,");
    await db.deal.delete({ where: { id: formula.id } });
  });
});
