import { describe, expect, it } from "vitest";
import { linkedFieldWinners, mergedProperties } from "./linked-field-winners";

const deal = (id: string, sourceId: string, minutesAgo: number, values: Partial<{ stage: string; amountMinor: bigint; owner: string }> = {}) => ({
  id,
  sourceId,
  updatedAt: new Date(Date.UTC(2026, 11, 1, 12, 0) - minutesAgo * 60_000),
  name: `Deal ${id}`,
  stage: values.stage ?? null,
  pipeline: null,
  owner: values.owner ?? null,
  amountMinor: values.amountMinor ?? null,
  closeDate: null,
  sourceCreatedAt: null,
  account: null,
});

describe("linkedFieldWinners", () => {
  const exact = deal("exact", "src-exact", 30, { stage: "Won", amountMinor: 500n });
  const jointflows = deal("jf", "src-jf", 20, { stage: "Proposal", amountMinor: 400n });
  const dreamdata = deal("dd", "src-dd", 10, { stage: "Negotiation", owner: "sam@example.com" });

  it("without preferences, each field from the newest deal that has it, else the first member", () => {
    const win = linkedFieldWinners([exact, jointflows, dreamdata]);
    expect([win.name.id, win.stage.id, win.amount.id, win.owner.id, win.closeDate.id]).toEqual(["dd", "dd", "jf", "dd", "exact"]);
  });

  it("a preferred source wins its field when it has a value; other fields keep the newest", () => {
    const win = linkedFieldWinners([exact, jointflows, dreamdata], { amount: "src-exact", stage: "src-jf" });
    expect([win.amount.id, win.stage.id, win.name.id]).toEqual(["exact", "jf", "dd"]);
  });

  it("a preferred source without a value, or not in the group, falls back to the newest with one", () => {
    const win = linkedFieldWinners([exact, jointflows, dreamdata], { owner: "src-jf", stage: "src-elsewhere" });
    expect([win.owner.id, win.stage.id]).toEqual(["dd", "dd"]);
  });
});

describe("mergedProperties", () => {
  it("newer deals' keys over older ones', never through a prototype", () => {
    const merged = mergedProperties([
      { updatedAt: new Date(2), properties: { crm_id: "B", stage_note: "new" } },
      { updatedAt: new Date(1), properties: JSON.parse('{"crm_id":"A","__proto__":{"polluted":true}}') },
    ]);
    expect(merged).toMatchObject({ crm_id: "B", stage_note: "new" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
