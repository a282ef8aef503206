// Journey: the same deal arrives from a Jointflows drop and a Dreamdata file → Settings →
// Linking suggests linking the deals (and their accounts) → the operator confirms → an admin
// takes the stage from Jointflows → browse shows the deal once, with the winning values; its
// page shows both sources and which wins; the push preview counts it once.
import type { Page } from "@playwright/test";
import { createApiToken, expect, test } from "./fixtures";
import { E2E_LINKING } from "./seed-linking";
import { PUSH_DESTINATION } from "./seed-push";

async function runImport(page: Page, sourceName: string) {
  await page.goto("/imports");
  const card = page.getByTestId("source").filter({ hasText: sourceName });
  await card.getByRole("button", { name: "Run import" }).click();
  await card.getByRole("link", { name: "follow it" }).click();
  await expect(page.getByRole("heading", { name: new RegExp(`import of ${sourceName}$`) })).toBeVisible();
  await expect(page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 30_000 });
}

const dealRows = (page: Page) => page.getByRole("table", { name: "Deals" }).locator("tbody tr");

test("two sources import the same deal; the operator confirms the suggestion; it browses, shows and pushes once", async ({ signedIn, request }) => {
  test.setTimeout(120_000);
  const page = await signedIn("operator");
  await runImport(page, E2E_LINKING.jointflows);
  await runImport(page, E2E_LINKING.dreamdata);

  // Before linking: two rows.
  await page.goto(`/deals?q=${encodeURIComponent(E2E_LINKING.deal)}`);
  await expect(dealRows(page)).toHaveCount(2);

  // Settings → Linking: the suggestions, with both sources; the operator links deals and accounts.
  await page.goto("/settings");
  await page.getByRole("link", { name: /^Linking/ }).click();
  await expect(page.getByRole("heading", { name: "Linking" })).toBeVisible();
  const dealSuggestion = page.getByRole("list", { name: "Deal suggestions" }).getByRole("listitem").filter({ hasText: E2E_LINKING.deal });
  await expect(dealSuggestion).toContainText(E2E_LINKING.jointflows);
  await expect(dealSuggestion).toContainText(E2E_LINKING.dreamdata);
  await dealSuggestion.getByRole("button", { name: "Link", exact: true }).click();
  // Decided, it leaves the list of pending suggestions.
  await expect(page.getByRole("heading", { name: "Deal suggestions (0 to decide)" })).toBeVisible();
  await expect(dealSuggestion).toHaveCount(0);
  const accountSuggestion = page.getByRole("list", { name: "Account suggestions" }).getByRole("listitem").filter({ hasText: E2E_LINKING.dreamdata });
  await expect(accountSuggestion).toContainText("same name");
  await accountSuggestion.getByRole("button", { name: "Link", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Account suggestions (0 to decide)" })).toBeVisible();
  // Operators decide suggestions; which source wins is an admin's setting.
  await expect(page.getByRole("button", { name: "Save field sources" })).toHaveCount(0);

  // An admin takes the stage from Jointflows (the newer Dreamdata would win it by default).
  await signedIn("admin");
  await page.goto("/settings/linking");
  await page.getByLabel("Stage").selectOption({ label: E2E_LINKING.jointflows });
  await page.getByRole("button", { name: "Save field sources" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved: 1 field with a preferred source" })).toBeVisible();
  const token = await createApiToken(page, "linking");
  const overview = await (await request.get("/api/v1/linking", { headers: { Authorization: `Bearer ${token}` } })).json();
  expect(overview.pending).toEqual({ deals: 0, accounts: 0 });
  expect(Object.keys(overview.fieldSources)).toEqual(["stage"]);

  // Browse: one row, Jointflows' stage, the account.
  await signedIn("operator");
  await page.goto(`/deals?q=${encodeURIComponent(E2E_LINKING.deal)}`);
  await expect(dealRows(page)).toHaveCount(1);
  await expect(dealRows(page)).toContainText(E2E_LINKING.stage);
  await expect(dealRows(page)).not.toContainText(E2E_LINKING.newerStage);
  await expect(dealRows(page)).toContainText(E2E_LINKING.account);

  // The deal page: both sources side by side, the stage won by the preferred one.
  await dealRows(page).getByRole("link", { name: E2E_LINKING.deal }).click();
  const sources = page.getByRole("region", { name: "Sources of this deal" });
  await expect(sources.getByRole("columnheader", { name: new RegExp(E2E_LINKING.jointflows) })).toBeVisible();
  await expect(sources.getByRole("columnheader", { name: new RegExp(E2E_LINKING.dreamdata) })).toBeVisible();
  const stageRow = sources.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^Stage/ }) });
  await expect(stageRow.getByRole("rowheader")).toContainText(`preferred: ${E2E_LINKING.jointflows}`);
  await expect(stageRow.getByRole("cell").filter({ hasText: "wins" })).toHaveText(`${E2E_LINKING.stage}wins`);

  // Accounts: one row for the customer both sources hold.
  await page.goto(`/accounts?q=${encodeURIComponent(E2E_LINKING.account)}`);
  await expect(page.getByRole("link", { name: E2E_LINKING.account, exact: true })).toHaveCount(1);

  // The push preview counts it once.
  await page.goto(`/deals?q=${encodeURIComponent(E2E_LINKING.deal)}`);
  await page.getByRole("checkbox", { name: "Select all rows on this page" }).check();
  await page.getByRole("link", { name: "Push selected…" }).click();
  await page.getByLabel("Destination").selectOption({ label: PUSH_DESTINATION });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("preview-counts")).toContainText("1 deal selected");
  // The sandbox has no customer for this account, so the one deal is listed as can't-send.
  await page.getByRole("navigation", { name: "Which deals" }).getByRole("link", { name: "Can't send (1)" }).click();
  await expect(page.getByTestId("preview-item")).toHaveCount(1);
});

test("the linking API: admins save rules and field sources, operators decide, bad input is refused by field", async ({ signedIn, request }) => {
  const admin = { Authorization: `Bearer ${await createApiToken(await signedIn("admin"), "linking-api")}` };
  const { sources } = await (await request.get("/api/v1/linking", { headers: admin })).json();
  const id = (name: string) => sources.find((s: { name: string; id: string }) => s.name === name).id;
  const [jointflows, dreamdata] = [id(E2E_LINKING.jointflows), id(E2E_LINKING.dreamdata)];

  const rule = await request.post("/api/v1/linking/account-rules", { headers: admin, data: { sourceId: dreamdata, field: "name", otherSourceId: jointflows, otherField: "name" } });
  expect(rule.status()).toBe(201);
  const sameSource = await request.post("/api/v1/linking/deal-rules", { headers: admin, data: { sourceId: jointflows, field: "externalId", otherSourceId: jointflows, otherField: "crm_id" } });
  expect(sameSource.status()).toBe(422);
  expect((await sameSource.json()).error.details).toMatchObject({ otherSourceId: expect.stringContaining("two different sources") });
  expect((await request.put("/api/v1/linking/field-sources", { headers: admin, data: { probability: jointflows } })).status()).toBe(422);
  expect((await request.put("/api/v1/linking/field-sources", { headers: admin, data: { amount: "no-such-source" } })).status()).toBe(404);
  const saved = await request.put("/api/v1/linking/field-sources", { headers: admin, data: { amount: dreamdata, stage: null } });
  expect(await saved.json()).toEqual({ fieldSources: { amount: dreamdata } });
  const overview = await (await request.get("/api/v1/linking", { headers: admin })).json();
  expect(overview.accountRules).toMatchObject([{ sourceId: dreamdata, field: "name", otherSourceId: jointflows, otherField: "name" }]);
  const ruleId = (await rule.json()).rule.id;
  expect((await request.delete(`/api/v1/linking/account-rules/${ruleId}`, { headers: admin })).status()).toBe(200);
  expect((await request.delete(`/api/v1/linking/account-rules/${ruleId}`, { headers: admin })).status()).toBe(404);
  expect((await (await request.get("/api/v1/linking", { headers: admin })).json()).accountRules).toEqual([]);

  const operator = { Authorization: `Bearer ${await createApiToken(await signedIn("operator"), "linking-api")}` };
  expect((await request.post("/api/v1/linking/deal-suggestions/no-such-suggestion", { headers: operator, data: { decision: "confirm" } })).status()).toBe(404);
  expect((await request.post("/api/v1/linking/account-suggestions/no-such-suggestion", { headers: operator, data: { decision: "maybe" } })).status()).toBe(422);
  expect((await request.put("/api/v1/linking/field-sources", { headers: operator, data: {} })).status()).toBe(403);
});
