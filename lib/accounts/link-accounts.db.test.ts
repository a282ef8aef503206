// One account from several sources: Jointflows names its accounts (with a website), Dreamdata's
// stage objects carry a company_id and, among the CRM properties, the company's name.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { loadDealsForPush } from "@/lib/destinations/load-deals-for-push";
import { listDeals } from "@/lib/deals/list-deals";
import { loadAccountsToMatch } from "@/lib/matching/matching-report";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { dreamdataStages, folder, folderSource, importFolder, JOINTFLOWS_DEALS } from "@/lib/test/linked-sources";
import { getAccountDetail } from "./get-account-detail";
import { decideAccountLinkSuggestion, saveAccountLinkRule } from "./link-accounts";
import { listAccounts } from "./list-accounts";

const db = connectTestDatabase();
afterAll(disconnectDb);
beforeEach(truncateAll);

const operator = { id: "op-1", email: "op@example.com", role: "operator" as const };

const DREAMDATA = dreamdataStages([
  // Another deal of the same customer, under Dreamdata's own company id.
  { id: "9001", name: "Albion Travel Tech - Renewal 2027", amount: 5000, currency: "USD", stage: "Proposal", company: { id: "0012000001ALBION", name: "albion  travel tech" } },
  { id: "9002", name: "Contoso - Pilot", amount: 800, currency: "USD", stage: "Discovery", company: { id: "0012000001CONTOSO", name: "Contoso" } },
]);

const account = (sourceId: string, externalId: string) => db.account.findUniqueOrThrow({ where: { sourceId_externalId: { sourceId, externalId } } });

describe("linking accounts across sources", () => {
  it("suggests the same name (case and spaces ignored) across sources; once confirmed the account browses, matches and pushes once", async () => {
    const jointflows = await importFolder(folder({ "deals.csv": JOINTFLOWS_DEALS }), "jointflows");
    const dreamdata = await importFolder(folder({ "stages.csv": DREAMDATA }), "dreamdata");
    const jfAlbion = await account(jointflows.sourceId, "AC-0026");
    const ddAlbion = await account(dreamdata.sourceId, "0012000001ALBION");

    const suggestions = await db.accountLinkSuggestion.findMany();
    expect(suggestions).toEqual([
      expect.objectContaining({ accountId: [jfAlbion.id, ddAlbion.id].sort()[0], otherAccountId: [jfAlbion.id, ddAlbion.id].sort()[1], reason: "name", runId: dreamdata.runId, status: "pending" }),
    ]);
    expect((await listAccounts({ limit: 50 })).rows).toHaveLength(4);

    await decideAccountLinkSuggestion(suggestions[0].id, "confirm", operator);
    await expect(decideAccountLinkSuggestion(suggestions[0].id, "dismiss", operator)).rejects.toMatchObject({ code: "conflict" });
    expect(await db.auditEvent.count({ where: { action: "account_link.confirm" } })).toBe(1);
    const groupId = [jfAlbion.id, ddAlbion.id].sort()[0];
    const memberId = [jfAlbion.id, ddAlbion.id].sort()[1];
    expect(await db.account.findUniqueOrThrow({ where: { id: memberId } })).toMatchObject({ linkedToAccountId: groupId, linkedByRunId: null });

    // Browse: one Albion row holding both sources' deals; a source filter finds it through either.
    const rows = (await listAccounts({ limit: 50 })).rows;
    expect(rows.map((r) => r.name).sort()).toEqual(["Contoso", "Northwind", [jfAlbion, ddAlbion].find((a) => a.id === groupId)!.name].sort());
    expect(rows.find((r) => r.id === groupId)).toMatchObject({ dealCount: 2, totalBaseMinor: 2_550_000n });
    for (const source of [jointflows.sourceId, dreamdata.sourceId]) {
      expect((await listAccounts({ filter: { source }, limit: 50 })).rows.map((r) => r.id)).toContain(groupId);
    }
    // The account page of either account lists both sources' deals and the other source's account.
    expect((await listDeals({ filter: { account: memberId }, limit: 50 })).rows.map((d) => d.name).sort()).toEqual([
      "Albion Travel Tech - Analytics Platform expansion",
      "Albion Travel Tech - Renewal 2027",
    ]);
    expect((await getAccountDetail(groupId)).sameAccount.map((a) => a.id)).toEqual([memberId]);

    // Matching and push: one account with Jointflows' website, Dreamdata's contact, and a link confirmed through either.
    const destination = await db.destination.create({ data: { name: "ChartMogul", kind: "chartmogul" } });
    await db.accountLink.create({ data: { accountId: ddAlbion.id, destinationId: destination.id, externalId: "cus_albion", confirmedVia: "manual" } });
    const toMatch = await loadAccountsToMatch(destination.id, "externalId");
    const albion = toMatch.filter((a) => a.id === groupId || a.id === memberId);
    expect(albion).toEqual([
      expect.objectContaining({ id: groupId, url: "https://www.albiontravel.example", link: { externalId: "cus_albion", externalName: null }, contacts: [{ email: "buyer-9001@example.com", isPrimary: true }] }),
    ]);
    const deals = await db.deal.findMany({ where: { name: { startsWith: "Albion" } }, select: { id: true } });
    const pushed = await loadDealsForPush(deals.map((d) => d.id), destination.id);
    expect(pushed.map((d) => d.account?.id)).toEqual([groupId, groupId]);
    expect(pushed.every((d) => d.account?.url === "https://www.albiontravel.example" && d.account.link?.externalId === "cus_albion")).toBe(true);
    expect(pushed[0].contacts.map((c) => c.email)).toEqual(["buyer-9001@example.com"]);
  });

  it("links by the account rule of a source pair on the next import (Dreamdata's company_id is the CRM account id)", async () => {
    const jointflows = await importFolder(
      folder({
        "deals.csv": `${JOINTFLOWS_DEALS}Contoso - Expansion,2027-09-01,sam@example.com,900,DL-10100,0012000001CONTOSO,Proposal,Expansion,USD,Contoso,https://contoso.example\n`,
      }),
      "jointflows",
    );
    const dreamdataDir = folder({ "stages.csv": DREAMDATA });
    const dreamdataSourceId = await folderSource(dreamdataDir, "dreamdata");
    await saveAccountLinkRule({ sourceId: dreamdataSourceId, field: "externalId", otherSourceId: jointflows.sourceId, otherField: "externalId" }, operator);
    await expect(saveAccountLinkRule({ sourceId: dreamdataSourceId, field: "externalId", otherSourceId: dreamdataSourceId, otherField: "name" }, operator)).rejects.toMatchObject({
      name: "ZodError",
    });
    const dreamdata = await importFolder(dreamdataDir, "dreamdata");

    const jfContoso = await account(jointflows.sourceId, "0012000001CONTOSO");
    const ddContoso = await account(dreamdata.sourceId, "0012000001CONTOSO");
    const [group, member] = [jfContoso, ddContoso].sort((a, b) => a.id.localeCompare(b.id));
    expect(await db.account.findUniqueOrThrow({ where: { id: member.id } })).toMatchObject({ linkedToAccountId: group.id, linkedByRunId: dreamdata.runId });
    // Albion (no rule match) is still only a name suggestion; the linked pair is not suggested again.
    expect((await db.accountLinkSuggestion.findMany()).map((s) => s.reason)).toEqual(["name"]);
  });

  it("suggests the same website domain whatever the names (www. and scheme ignored); the same name on two different domains is two customers", async () => {
    const header = JOINTFLOWS_DEALS.split("\n")[0];
    const drop = (rows: string[]) => folder({ "deals.csv": `${header}\n${rows.join("\n")}\n` });
    const first = await importFolder(
      drop([
        "Fabrikam - Suite,2027-08-08,sam@example.com,100,DL-1,AC-1,Proposal,Expansion,USD,Fabrikam,https://www.fabrikam.example/about",
        "Albion - Suite,2027-08-08,sam@example.com,100,DL-2,AC-2,Proposal,Expansion,USD,Albion Travel Tech,https://albiontravel.example",
      ]),
      "jointflows",
    );
    const second = await importFolder(
      drop([
        "Fabrikam deal,2027-08-08,sam@example.com,100,X-1,FAB,Proposal,Expansion,USD,Fabrikam Inc.,http://fabrikam.example",
        "Albion deal,2027-08-08,sam@example.com,100,X-2,ALB,Proposal,Expansion,USD,Albion Travel Tech,https://albion-travel.other.example",
      ]),
      "jointflows",
    );
    const suggestions = await db.accountLinkSuggestion.findMany({ include: { account: true, otherAccount: true } });
    expect(suggestions.map((s) => [s.reason, [s.account.name, s.otherAccount.name].sort()])).toEqual([["domain", ["Fabrikam", "Fabrikam Inc."]]]);
    expect(new Set(suggestions.flatMap((s) => [s.account.sourceId, s.otherAccount.sourceId]))).toEqual(new Set([first.sourceId, second.sourceId]));
  });
});
