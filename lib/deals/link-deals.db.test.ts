// One deal from several sources: a Jointflows drop and a Dreamdata file that both hold the
// same deals, linked by a rule (a shared CRM id) or by a confirmed suggestion.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { loadDealsForPush } from "@/lib/destinations/load-deals-for-push";
import { approveHeldImport } from "@/lib/imports/approve-held-import";
import { listRunLinks } from "@/lib/imports/list-run-links";
import { startImport } from "@/lib/imports/start-import";
import { saveSourceReview } from "@/lib/sources/save-source-review";
import { clientInput } from "@/lib/test/client-input";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { createDestination, linkDeal } from "@/lib/test/factories";
import { dreamdataStages, folder, folderSource, importFolder, JOINTFLOWS_DEALS } from "@/lib/test/linked-sources";
import { resolveSelection } from "@/lib/sync/resolve-selection";
import { countDeals } from "./summarize-deals";
import { getDealDetail } from "./get-deal-detail";
import { decideDealLinkSuggestion, saveDealLinkRule } from "./link-deals";
import { saveLinkedFieldSources } from "./linked-field-sources";
import { listDeals } from "./list-deals";

const db = connectTestDatabase();
afterAll(disconnectDb);
beforeEach(truncateAll);

const operator = { id: "op-1", email: "op@example.com", role: "operator" as const };
const admin = { id: "admin-1", email: "admin@example.com", role: "admin" as const };

describe("linking deals across sources", () => {
  it("links by the rule for a source pair after an import; browse, count and a stage selection hold the deal once; a source filter finds it through either source", async () => {
    const jointflowsDir = folder({ "deals.csv": JOINTFLOWS_DEALS });
    const dreamdataDir = folder({
      "stages.csv": dreamdataStages([
        { id: "4053534803", name: "Albion Travel Tech - Analytics Platform expansion", amount: 20500, currency: "USD", stage: "Proposal", crm: "DL-10057" },
        { id: "4053534999", name: "Unrelated", amount: 100, currency: "USD", stage: "Proposal", crm: "DL-99999" },
        { id: "4053535000", name: "Northwind - Security Suite", amount: 13000, currency: "USD", stage: "Discovery", crm: "DL-10001" },
      ]),
    });
    const jointflows = await importFolder(jointflowsDir, "jointflows");
    const dreamdataSourceId = await folderSource(dreamdataDir, "dreamdata");
    await saveDealLinkRule({ sourceId: dreamdataSourceId, field: "crm_id", otherSourceId: jointflows.sourceId, otherField: "externalId" }, operator);
    const dreamdata = await importFolder(dreamdataDir, "dreamdata");

    const jf = await db.deal.findUniqueOrThrow({ where: { sourceId_externalId: { sourceId: jointflows.sourceId, externalId: "DL-10057" } } });
    const dd = await db.deal.findUniqueOrThrow({ where: { sourceId_externalId: { sourceId: dreamdata.sourceId, externalId: "4053534803" } } });
    const [group, member] = jf.id < dd.id ? [jf, dd] : [dd, jf];
    expect(group.linkedToDealId).toBeNull();
    expect(member.linkedToDealId).toBe(group.id);
    expect(member.linkedByRunId).toBe(dreamdata.runId);
    expect(await db.deal.count({ where: { linkedToDealId: { not: null } } })).toBe(2);

    expect(await countDeals({})).toBe(3);
    const page = await listDeals({ filter: { stage: ["Proposal"] }, limit: 50 });
    expect(page.rows.map((r) => r.name).sort()).toEqual(["Albion Travel Tech - Analytics Platform expansion", "Unrelated"]);
    expect(await resolveSelection({ mode: "filter", filter: { stage: ["Proposal"] }, excludeIds: [] })).toHaveLength(2);
    // Ticking the member by id (API, CLI) means its group.
    expect(await resolveSelection({ mode: "ids", ids: [member.id] })).toEqual([group.id]);
    for (const sourceId of [jointflows.sourceId, dreamdata.sourceId]) {
      const bySource = await listDeals({ filter: { source: [sourceId] }, limit: 50 });
      expect(bySource.rows.map((r) => r.id)).toContain(group.id);
    }
    // A push of the member counts for the group: pushed to finds it, not pushed to leaves it out.
    const destination = await createDestination();
    await linkDeal(member.id, destination.id);
    expect((await listDeals({ filter: { pushedTo: destination.id }, limit: 50 })).rows.map((r) => r.id)).toEqual([group.id]);
    expect((await listDeals({ filter: { notPushedTo: destination.id }, limit: 50 })).rows.map((r) => r.id)).not.toContain(group.id);
    expect(await countDeals({ notPushedTo: destination.id })).toBe(2);

    // The deal page of either deal shows both sources; the newer (Dreamdata, no account) wins the stage, the older its account.
    const detail = await getDealDetail(member.id);
    expect(detail.linkGroup?.members.map((m) => m.id).sort()).toEqual([jf.id, dd.id].sort());
    expect(detail.linkGroup?.winners).toMatchObject({ name: dd.id, stage: dd.id, account: jf.id });

    // The import review: two new links, none to suggest (already linked), Northwind's amounts disagree.
    const review = await listRunLinks(dreamdata.runId);
    expect(review.linked.map((d) => d.name).sort()).toEqual(["Albion Travel Tech - Analytics Platform expansion", "Northwind - Security Suite"]);
    expect(review.suggestions).toEqual([]);
    expect(review.conflicts.map((g) => g.map((d) => d.amountMinor).sort())).toEqual([[1_200_000n, 1_300_000n]]);
    expect((await listRunLinks(jointflows.runId)).linked).toEqual([]);
  });

  it("suggests same name + amount + account domain (no account on one side) and links only once an operator confirms; a dismissed one stays apart", async () => {
    const jointflows = await importFolder(folder({ "deals.csv": JOINTFLOWS_DEALS }), "jointflows");
    const dreamdata = await importFolder(
      folder({
        "stages.csv": dreamdataStages([
          { id: "1", name: "albion travel tech - analytics platform expansion", amount: 20500, currency: "USD", stage: "Negotiation" },
          { id: "2", name: "Northwind - Security Suite", amount: 12000, currency: "USD", stage: "Discovery" },
          { id: "3", name: "Northwind - Security Suite", amount: 12001, currency: "USD", stage: "Discovery" },
        ]),
      }),
      "dreamdata",
    );
    const suggestions = await db.dealLinkSuggestion.findMany({ include: { deal: true, otherDeal: true }, orderBy: { createdAt: "asc" } });
    expect(suggestions).toHaveLength(2);
    expect(suggestions.every((s) => s.runId === dreamdata.runId && s.status === "pending")).toBe(true);
    expect(new Set(suggestions.flatMap((s) => [s.deal.sourceId, s.otherDeal.sourceId]))).toEqual(new Set([jointflows.sourceId, dreamdata.sourceId]));
    expect(await db.deal.count({ where: { linkedToDealId: { not: null } } })).toBe(0);
    expect(await countDeals({})).toBe(5);

    expect((await listRunLinks(dreamdata.runId)).suggestions.map((s) => s.id).sort()).toEqual(suggestions.map((s) => s.id).sort());

    const albion = suggestions.find((s) => s.deal.name.toLowerCase().startsWith("albion"))!;
    const northwind = suggestions.find((s) => s !== albion)!;
    await decideDealLinkSuggestion(albion.id, "confirm", operator);
    await decideDealLinkSuggestion(northwind.id, "dismiss", operator);
    await expect(decideDealLinkSuggestion(northwind.id, "confirm", operator)).rejects.toMatchObject({ code: "conflict" });
    expect(await countDeals({})).toBe(4);
    const linked = await db.deal.findMany({ where: { linkedToDealId: { not: null } } });
    expect(linked).toHaveLength(1);
    expect(linked[0].linkedByRunId).toBeNull();
    expect([albion.dealId, albion.otherDealId]).toContain(linked[0].id);
    expect(await db.auditEvent.count({ where: { action: { in: ["deal_link.confirm", "deal_link.dismiss"] } } })).toBe(2);

    // Importing again does not bring the dismissed suggestion back.
    await (await startImport({ source: dreamdata.sourceId, trigger: "cli", actor: null, force: true })).done;
    expect(await db.dealLinkSuggestion.count({ where: { status: "pending" } })).toBe(0);
  });

  it("a preferred source per field wins in browse, on the deal page and in the push; a preferred source without a value, or none, leaves the most recent", async () => {
    const jointflowsDir = folder({ "deals.csv": JOINTFLOWS_DEALS });
    const dreamdataDir = folder({
      "stages.csv": dreamdataStages([{ id: "4053534803", name: "Albion Travel Tech - Analytics Platform expansion", amount: 21000, currency: "USD", stage: "Negotiation", crm: "DL-10057" }]),
    });
    const jointflows = await importFolder(jointflowsDir, "jointflows");
    const dreamdataSourceId = await folderSource(dreamdataDir, "dreamdata");
    await saveDealLinkRule({ sourceId: dreamdataSourceId, field: "crm_id", otherSourceId: jointflows.sourceId, otherField: "externalId" }, operator);
    await importFolder(dreamdataDir, "dreamdata");
    const jf = await db.deal.findUniqueOrThrow({ where: { sourceId_externalId: { sourceId: jointflows.sourceId, externalId: "DL-10057" } } });
    const dd = await db.deal.findUniqueOrThrow({ where: { sourceId_externalId: { sourceId: dreamdataSourceId, externalId: "4053534803" } } });
    const groupId = jf.linkedToDealId ?? jf.id;
    const albionRow = async () => (await listDeals({ filter: { q: "Albion" }, limit: 50 })).rows;

    // Default: the newer Dreamdata deal gives stage and amount; only Jointflows has an account.
    expect(await albionRow()).toMatchObject([{ id: groupId, stage: "Negotiation", amountMinor: 2_100_000n, account: { name: "Albion Travel Tech" } }]);

    // Stage and amount from Jointflows; the account from Dreamdata, which has none, so Jointflows' still.
    await saveLinkedFieldSources({ stage: jointflows.sourceId, amount: jointflows.sourceId, account: dreamdataSourceId }, admin);
    expect(await albionRow()).toMatchObject([{ id: groupId, stage: "Proposal", amountMinor: 2_050_000n, currency: "USD", account: { name: "Albion Travel Tech" } }]);
    const detail = await getDealDetail(dd.id);
    expect(detail.linkGroup?.winners).toMatchObject({ name: dd.id, stage: jf.id, amount: jf.id, account: jf.id });
    expect(detail.linkGroup?.preferences).toEqual({ stage: jointflows.sourceId, amount: jointflows.sourceId, account: dreamdataSourceId });
    const [pushed] = await loadDealsForPush([groupId], "no-destination");
    expect(pushed).toMatchObject({ stage: "Proposal", amountMinor: "2050000", currency: "USD", account: { name: "Albion Travel Tech" } });

    // Validated at the boundary: fields we don't merge and sources that don't exist are refused; nothing changes.
    await expect(saveLinkedFieldSources(clientInput({ stage: jointflows.sourceId, probability: jointflows.sourceId }), admin)).rejects.toMatchObject({ name: "ZodError" });
    await expect(saveLinkedFieldSources({ stage: "no-such-source" }, admin)).rejects.toMatchObject({ code: "not_found" });
    expect(await db.linkedFieldSource.count()).toBe(3);
    expect(await db.auditEvent.count({ where: { action: "linked_field_sources.save" } })).toBe(1);

    // Cleared (a form's "most recently updated" is ""): back to the newest.
    await saveLinkedFieldSources({ stage: "", amount: null }, admin);
    expect(await albionRow()).toMatchObject([{ stage: "Negotiation", amountMinor: 2_100_000n }]);
  });

  it("a run held for review links its deals when it is approved, not before", async () => {
    const jointflows = await importFolder(folder({ "deals.csv": JOINTFLOWS_DEALS }), "jointflows");
    const dreamdataDir = folder({
      "stages.csv": dreamdataStages([{ id: "4053534803", name: "Albion Travel Tech - Analytics Platform expansion", amount: 20500, currency: "USD", stage: "Proposal", crm: "DL-10057" }]),
    });
    const dreamdataSourceId = await folderSource(dreamdataDir, "dreamdata");
    await saveDealLinkRule({ sourceId: dreamdataSourceId, field: "crm_id", otherSourceId: jointflows.sourceId, otherField: "externalId" }, operator);
    await saveSourceReview({ sourceId: dreamdataSourceId, mode: "always" }, null);
    const held = await importFolder(dreamdataDir, "dreamdata");
    expect((await db.importRun.findUniqueOrThrow({ where: { id: held.runId } })).status).toBe("held");
    expect(await db.deal.count({ where: { linkedToDealId: { not: null } } })).toBe(0);

    await approveHeldImport(held.runId, { comment: "same deals as the drop" }, operator);
    expect(await db.deal.findMany({ where: { linkedToDealId: { not: null } }, select: { linkedByRunId: true } })).toEqual([{ linkedByRunId: held.runId }]);
    expect(await countDeals({})).toBe(2);
  });
});
