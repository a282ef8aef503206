// plan() per destination: pure, the exact payload or every reason it can't be sent.
import { describe, expect, it } from "vitest";
import { chartmogulConfigSchema } from "./chartmogul/config";
import { planChartMogulOpportunity } from "./chartmogul/plan-opportunity";
import { jointflowsConfigSchema } from "./jointflows/config";
import { planJointflowsRows } from "./jointflows/plan-rows";
import { pipelinerConfigSchema } from "./pipeliner/config";
import { planPipelinerOpportunity, type PipelinerLookups } from "./pipeliner/plan-opportunity";
import type { AccountMatch } from "@/lib/matching/match-account";
import { missingAmountHint } from "@/lib/sources/registry";
import type { DealForPush } from "./types";

const matched: AccountMatch = { status: "matched", rule: "domain", candidateId: "cus_1", candidateName: "Acme Inc.", matchedBy: "matched by website domain acme.example" };
const unmatched: AccountMatch = { status: "unmatched", reason: "no saved link, external id, e-mail or website domain matches" };

const deal: DealForPush = {
  id: "deal_1",
  externalId: "DL-1",
  missingAmountHint: null,
  name: "Acme - Platform",
  stage: "Closed Won",
  pipeline: "Expansion",
  owner: "elise@seller.example",
  amountMinor: "1234550",
  currency: "EUR",
  amountBaseMinor: "1340000",
  closeDate: "2027-03-31",
  sourceCreatedAt: null,
  firstSeenAt: "2026-11-02T10:00:00.000Z",
  properties: { description: "=cmd|' /C calc'!A0", project_type: "Onboarding" },
  account: { id: "acc_1", externalId: "ACC-1001", name: "Acme Corporation", url: "https://acme.example", industry: "Software", email: "billing@acme.example.com", properties: {}, link: null },
  contacts: [
    { externalId: "CT-1", firstName: "Maria", lastName: "Lopez", email: "maria@acme.example", role: null, phone: null, linkedinUrl: null, reportsToExternalId: null, isPrimary: false },
  ],
  linkedExternalId: null,
};

describe("ChartMogul plan", () => {
  const config = chartmogulConfigSchema.parse({
    stages: "Closed Won = Closed Won | won | 100\nDiscovery = Discovery",
    pipelines: "Expansion = Expansion",
    owners: "elise@seller.example = alex.morgan@example.com",
  });
  const lookups = { customers: { acc_1: matched } };

  it("builds the exact opportunity, with integer cents and our deal id in custom", () => {
    expect(planChartMogulOpportunity({ deal, config, lookups, baseCurrency: "USD", runOptions: {} })).toEqual({
      ok: true,
      payload: {
        operation: "create",
        body: {
          customer_uuid: "cus_1",
          owner: "alex.morgan@example.com",
          pipeline: "Expansion",
          pipeline_stage: "Closed Won",
          estimated_close_date: "2027-03-31",
          currency: "EUR",
          amount_in_cents: 1234550,
          type: "recurring",
          forecast_category: "won",
          win_likelihood: 100,
          custom: [
            { key: "dealport_deal_id", value: "deal_1" },
            { key: "dealport_external_id", value: "DL-1" },
          ],
        },
      },
      notes: ['Customer "Acme Inc." (cus_1) matched by website domain acme.example'],
    });
  });

  it("uses a deal owner who is a known CRM user, else the default owner, else says so", () => {
    const plan = (owner: string, options: Record<string, unknown>) =>
      planChartMogulOpportunity({ deal: { ...deal, owner }, config: chartmogulConfigSchema.parse({ stages: "Closed Won = Closed Won", ...options }), lookups, baseCurrency: "USD", runOptions: {} });
    expect(plan("Sam.Lee@example.com", { crmUsers: "sam.lee@example.com, priya.shah@example.com" })).toMatchObject({ ok: true, payload: { body: { owner: "Sam.Lee@example.com" } } });
    const fallback = plan("nobody@example.com", { defaultOwner: "priya.shah@example.com" });
    expect(fallback).toMatchObject({ ok: true, payload: { body: { owner: "priya.shah@example.com" } } });
    expect(fallback.ok && fallback.notes).toContain("Owner nobody@example.com is not a known ChartMogul user; the default owner priya.shah@example.com is used");
    expect(plan("nobody@example.com", {})).toMatchObject({ ok: false, problems: [expect.stringMatching(/^Owner nobody@example.com is not a known ChartMogul user with a CRM seat/)] });
  });

  it("updates the linked opportunity instead of creating a second one", () => {
    const result = planChartMogulOpportunity({ deal: { ...deal, linkedExternalId: "opp-9" }, config, lookups, baseCurrency: "USD", runOptions: {} });
    expect(result).toMatchObject({ ok: true, payload: { operation: "update", uuid: "opp-9" } });
  });

  it("lists every reason it can't be sent", () => {
    const result = planChartMogulOpportunity({ deal: { ...deal, stage: "Negotiation", closeDate: null }, config, lookups: { customers: { acc_1: unmatched } }, baseCurrency: "USD", runOptions: {} });
    expect(result).toEqual({
      ok: false,
      problems: [
        'Account "Acme Corporation" has no matching ChartMogul customer: no saved link, external id, e-mail or website domain matches (confirm one in the Matching view)',
        'Stage "Negotiation" has no ChartMogul mapping (Settings → Destinations)',
        "The deal has no close date (estimated_close_date is required)",
      ],
    });
  });

  it("refuses a bad mapping line with a message", () => {
    expect(chartmogulConfigSchema.safeParse({ stages: "Won = Closed Won | maybe" }).error?.issues[0].message).toMatch(/not a forecast category/);
  });
});

describe("Pipeliner plan", () => {
  const lookups: PipelinerLookups = {
    owners: { "alex.morgan@example.com": "client-1" },
    pipelines: [{ id: "p-2", name: "Expansion", steps: [{ id: "s-2", name: "Proposal", sortOrder: 2 }, { id: "s-1", name: "Discovery", sortOrder: 1 }] }],
    currencies: [{ id: "usd", code: "USD", isBase: true }, { id: "eur", code: "EUR", isBase: false }],
    accounts: { acc_1: { match: { ...matched, candidateId: "pa-1" }, contacts: [{ contactId: "pc-1", isPrimary: false }, { contactId: "pc-2", isPrimary: true }] } },
  };
  const config = pipelinerConfigSchema.parse({ owners: "elise@seller.example = alex.morgan@example.com" });

  it("owner by e-mail, first step by default, one primary contact, value_foreign alone in a multi-currency space", () => {
    const result = planPipelinerOpportunity({ deal, config, lookups, baseCurrency: "USD", runOptions: {} });
    expect(result).toEqual({
      ok: true,
      payload: {
        operation: "create",
        body: {
          name: "Acme - Platform",
          owner_id: "client-1",
          step_id: "s-1",
          closing_date: "2027-03-31",
          value: { currency_id: "eur", value_foreign: 12345.5 },
          account_relations: [{ account_id: "pa-1", is_primary: true }],
          contact_relations: [
            { contact_id: "pc-1", is_primary: false },
            { contact_id: "pc-2", is_primary: true },
          ],
          description: "=cmd|' /C calc'!A0\n\n[dealport:deal_1]",
        },
      },
      notes: ['Account "Acme Inc." (pa-1) matched by website domain acme.example'],
    });
  });

  it("base_value alone in a single-currency space, from the deal's amount or our base amount", () => {
    const single = { ...lookups, currencies: [{ id: "usd", code: "USD", isBase: true }] };
    const value = (d: Partial<DealForPush>) => {
      const result = planPipelinerOpportunity({ deal: { ...deal, ...d }, config, lookups: single, baseCurrency: "USD", runOptions: {} });
      return result.ok && (result.payload.body.value as unknown);
    };
    expect(value({})).toEqual({ currency_id: "usd", base_value: 13400 });
    expect(value({ currency: "USD", amountMinor: "500", amountBaseMinor: "500" })).toEqual({ currency_id: "usd", base_value: 5 });
  });

  it("the deal's own owner when Pipeliner has that user, else the default owner", () => {
    const withDefault = pipelinerConfigSchema.parse({ defaultOwner: "priya.shah@example.com" });
    const owners = { ...lookups.owners, "priya.shah@example.com": "client-2", "elise@seller.example": "client-3" };
    const own = planPipelinerOpportunity({ deal, config: withDefault, lookups: { ...lookups, owners }, baseCurrency: "USD", runOptions: {} });
    expect(own.ok && own.payload.body.owner_id).toBe("client-3");
    const fallback = planPipelinerOpportunity({ deal: { ...deal, owner: "x@y.example" }, config: withDefault, lookups: { ...lookups, owners }, baseCurrency: "USD", runOptions: {} });
    expect(fallback.ok && fallback.payload.body.owner_id).toBe("client-2");
    expect(fallback.ok && fallback.notes).toContain("No Pipeliner user has the e-mail x@y.example; the default owner priya.shah@example.com is used");
  });

  it("a stage mapped to a step the pipeline lacks is a problem, not the first step", () => {
    const mapped = pipelinerConfigSchema.parse({ owners: "elise@seller.example = alex.morgan@example.com", stages: "Closed Won = Won" });
    expect(planPipelinerOpportunity({ deal, config: mapped, lookups, baseCurrency: "USD", runOptions: {} })).toEqual({
      ok: false,
      problems: ['Stage "Closed Won" is mapped to step "Won", which pipeline "Expansion" doesn\'t have (Discovery, Proposal)'],
    });
    const sameName = planPipelinerOpportunity({ deal: { ...deal, stage: "Proposal" }, config, lookups, baseCurrency: "USD", runOptions: {} });
    expect(sameName.ok && sameName.payload.body.step_id).toBe("s-2");
  });

  it("says why: unknown owner, missing rate, no account", () => {
    const result = planPipelinerOpportunity({
      deal: { ...deal, owner: "x@y.example", amountBaseMinor: null },
      config: pipelinerConfigSchema.parse({}),
      lookups: { ...lookups, currencies: [{ id: "usd", code: "USD", isBase: true }], accounts: { acc_1: { match: unmatched, contacts: [] } } },
      baseCurrency: "USD",
      runOptions: {},
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        "No Pipeliner user has the e-mail x@y.example",
        'Account "Acme Corporation" has no matching Pipeliner account: no saved link, external id, e-mail or website domain matches (confirm one in the Matching view)',
        "No exchange rate from EUR to USD for this deal (Settings → Currency)",
      ],
    });
  });
});

describe("Jointflows plan", () => {
  const config = jointflowsConfigSchema.parse({ bucket: "drops" });

  it("writes the format's columns, the value in the platform currency and the chosen project type", () => {
    const result = planJointflowsRows({ deal, config, lookups: {}, baseCurrency: "USD", runOptions: { projectType: "Implementation" } });
    expect(result.ok && result.payload.deal).toEqual({
      Name: "Acme - Platform",
      target_close_date: "2027-03-31",
      owner_email: "elise@seller.example",
      value: "13400.00",
      deal_unique_id: "DL-1",
      deal_stage: "Closed Won",
      pipeline_id: "Expansion",
      project_type: "Implementation",
      description: "=cmd|' /C calc'!A0",
      account_unique_id: "ACC-1001",
      account_name: "Acme Corporation",
      account_url: "https://acme.example",
      account_industry: "Software",
    });
    expect(result.ok && result.payload.contacts[0]).toMatchObject({ contact_unique_id: "CT-1", account_unique_id: "ACC-1001" });
  });

  it("can't send a value without a rate to the platform currency", () => {
    expect(planJointflowsRows({ deal: { ...deal, amountBaseMinor: null }, config, lookups: {}, baseCurrency: "USD", runOptions: {} })).toEqual({
      ok: false,
      problems: ["No exchange rate from EUR to USD for this deal (Settings → Currency)"],
    });
  });

  it("lists a deal whose rows Jointflows can't read, with the reasons, instead of writing empty cells", () => {
    const [maria] = deal.contacts;
    const unreadable: DealForPush = {
      ...deal,
      owner: "Elise Martin",
      closeDate: null,
      contacts: [
        { ...maria, externalId: "CT-2", lastName: null },
        { ...maria, externalId: "CT-3", firstName: " ", email: null },
        { ...maria, externalId: "CT-4", email: "maria at acme" },
        maria,
      ],
    };
    expect(planJointflowsRows({ deal: unreadable, config, lookups: {}, baseCurrency: "USD", runOptions: {} })).toEqual({
      ok: false,
      problems: [
        "The deal has no close date (target_close_date is required)",
        'The deal\'s owner "Elise Martin" is not an e-mail address (owner_email must be one)',
        "Contact CT-2 has no last_name (required in contacts.csv)",
        "Contact CT-3 has no first_name, email_address (required in contacts.csv)",
        'Contact CT-4\'s e-mail "maria at acme" is not an e-mail address (email_address must be one)',
      ],
    });
  });
});

describe("a deal without an amount", () => {
  it("from a source kind that can give it one says how; from files, that it has none", () => {
    const noAmount = { ...deal, amountMinor: null, amountBaseMinor: null, currency: null };
    const config = jointflowsConfigSchema.parse({ bucket: "drops" });
    const plan = (hint: string | null) => planJointflowsRows({ deal: { ...noAmount, missingAmountHint: hint }, config, lookups: {}, baseCurrency: "USD", runOptions: {} });
    expect(plan(missingAmountHint("exact_sales"))).toEqual({ ok: false, problems: ["The deal has no amount (map a custom field under Settings → Sources)"] });
    expect(plan(missingAmountHint("s3_flatfile"))).toEqual({ ok: false, problems: ["The deal has no amount or currency"] });
  });
});
