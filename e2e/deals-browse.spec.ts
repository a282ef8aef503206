import { decodeSelectionParam } from "@/lib/deals/selection-param";
import { expect, test } from "./fixtures";

// e2e/seed-deals.ts: 720 deals, stage × pipeline cycles; "Won + Renewal" matches 60 (two pages of 50).

async function pick(page: import("@playwright/test").Page, filter: string, value: string) {
  await page.getByRole("button", { name: new RegExp(`^${filter}:`) }).click();
  await page.getByRole("group", { name: filter }).getByLabel(value).check();
  await page.keyboard.press("Escape");
}

test("filter by stage and pipeline, select all matching, open a deal, come back to the same page, filter and selection", async ({ signedIn }) => {
  const page = await signedIn("operator");
  await page.goto("/deals");

  await pick(page, "Stage", "Won");
  await expect(page).toHaveURL(/stage=Won/);
  await pick(page, "Pipeline", "Renewal");
  await expect(page).toHaveURL(/pipeline=Renewal/);
  await expect(page.getByTestId("matching-summary")).toContainText("60 deals match");

  await page.getByRole("navigation", { name: "Pages" }).getByRole("button", { name: "Next" }).click();
  await expect(page.getByTestId("page-number")).toHaveText("Page 2");
  const rows = page.getByRole("table", { name: "Deals" }).locator("tbody tr");
  await expect(rows).toHaveCount(10);

  await page.getByRole("button", { name: "Select all 60 matching" }).click();
  await expect(page.getByTestId("selection-summary")).toContainText("60 deals selected");
  for (const box of await rows.getByRole("checkbox").all()) await expect(box).toBeChecked();

  // Keyboard: arrows move, space unticks and ticks again, enter opens.
  await rows.first().focus();
  await page.keyboard.press("ArrowDown");
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press(" ");
  await expect(page.getByTestId("selection-summary")).toContainText("59 deals selected");
  await page.keyboard.press(" ");
  await expect(page.getByTestId("selection-summary")).toContainText("60 deals selected");
  const listUrl = page.url();
  const dealName = (await rows.nth(1).getByRole("link").first().textContent())!.trim();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: dealName })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Provenance" })).toBeVisible();

  await page.goBack();
  expect(page.url()).toBe(listUrl);
  await expect(page.getByTestId("page-number")).toHaveText("Page 2");
  await expect(page.getByRole("button", { name: /^Stage:/ })).toContainText("Won");
  await expect(page.getByRole("button", { name: /^Pipeline:/ })).toContainText("Renewal");
  await expect(page.getByTestId("selection-summary")).toContainText("60 deals selected");
  await expect(rows).toHaveCount(10);
  for (const box of await rows.getByRole("checkbox").all()) await expect(box).toBeChecked();

  // What the push flow receives: the filter snapshot, resolved on the server.
  const href = await page.getByRole("link", { name: "Push selected…" }).getAttribute("href");
  const selection = decodeSelectionParam(new URL(href!, "http://x").searchParams.get("selection")!);
  expect(selection).toEqual({ mode: "filter", filter: { pipeline: ["Renewal"], stage: ["Won"] }, excludeIds: [] });
});

test("changing the filter after select-all asks, and keeping the selection keeps it", async ({ signedIn }) => {
  const page = await signedIn("operator");
  await page.goto("/deals?stage=Won&pipeline=Renewal");
  await page.getByRole("button", { name: "Select all 60 matching" }).click();
  await expect(page.getByTestId("selection-summary")).toContainText("60 deals selected");

  await page.getByRole("button", { name: /^Stage:/ }).click();
  await page.getByRole("group", { name: "Stage" }).getByLabel("Lost").check();
  const dialog = page.getByRole("dialog", { name: "Change the filter of a selection?" });
  await expect(dialog).toBeVisible();
  await expect(page).not.toHaveURL(/Lost/); // nothing changes until the user answers
  await dialog.getByRole("button", { name: "Keep the 60 selected deals" }).click();
  await expect(page).toHaveURL(/stage=Lost%2CWon|stage=Lost,Won/);
  await expect(page.getByTestId("matching-summary")).toContainText("120 deals match");
  await expect(page.getByTestId("selection-summary")).toContainText("60 deals selected");
  await expect(page.getByRole("region", { name: "Selection" })).toContainText("Selected under an earlier filter");

  await page.getByRole("button", { name: "select all matching this one instead" }).click();
  await expect(page.getByTestId("selection-summary")).toContainText("120 deals selected");
  await page.getByRole("button", { name: "Clear selection" }).click();
  await expect(page.getByRole("region", { name: "Selection" })).toHaveCount(0);
});

test("column choice is remembered per user and a shared saved view reaches the team", async ({ signedIn, browser, baseURL }) => {
  const page = await signedIn("admin");
  await page.goto("/deals?pipeline=Expansion&sort=amount&dir=desc");
  const table = page.getByRole("table", { name: "Deals" });
  await expect(table.getByRole("columnheader", { name: "Owner" })).toBeVisible();
  await page.getByText("Columns", { exact: true }).click();
  await page.getByRole("checkbox", { name: "Owner" }).uncheck();
  await page.getByRole("button", { name: "Move Pipeline up" }).click();
  await expect(table.getByRole("columnheader", { name: "Owner" })).toHaveCount(0);

  await page.getByText(/^Views/).click();
  await page.getByLabel("View name").fill("Biggest expansions");
  await page.getByLabel("Share with the team").check();
  await page.getByRole("button", { name: "Save current view" }).click();
  await expect(page.getByText("Saved “Biggest expansions”")).toBeVisible();

  await page.reload();
  await expect(table.getByRole("columnheader", { name: "Owner" })).toHaveCount(0);
  const headers = await table.getByRole("columnheader").allTextContents();
  expect(headers.findIndex((h) => h.startsWith("Pipeline"))).toBeLessThan(headers.findIndex((h) => h.startsWith("Stage")));

  const { signInAs } = await import("./fixtures");
  const other = await browser.newContext({ baseURL });
  await signInAs(other, baseURL!, "viewer");
  const viewerPage = await other.newPage();
  await viewerPage.goto("/deals");
  await expect(viewerPage.getByRole("table", { name: "Deals" }).getByRole("columnheader", { name: "Owner" })).toBeVisible();
  await viewerPage.getByText(/^Views/).click();
  await viewerPage.getByRole("button", { name: /Biggest expansions/ }).click();
  await expect(viewerPage).toHaveURL(/pipeline=Expansion/);
  await expect(viewerPage).toHaveURL(/sort=amount&dir=desc/);
  await expect(viewerPage.getByTestId("matching-summary")).toContainText("240 deals match");
  await other.close();
});

test("CSV export and the REST API serve the current filter", async ({ signedIn, baseURL }) => {
  const page = await signedIn("viewer");
  const csv = await page.request.get(`${baseURL}/deals/export?stage=Won&pipeline=Renewal`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines).toHaveLength(61);
  expect(lines[0]).toContain("name,account,stage,pipeline");

  const first = await (await page.request.get(`${baseURL}/api/v1/deals?stage=Won&pipeline=Renewal`)).json();
  expect(first.deals).toHaveLength(50);
  const second = await (await page.request.get(`${baseURL}/api/v1/deals?stage=Won&pipeline=Renewal&after=${first.nextCursor}`)).json();
  expect(second.deals).toHaveLength(10);
  expect(second.nextCursor).toBeNull();
  const one = await (await page.request.get(`${baseURL}/api/v1/deals/${second.deals[0].id}`)).json();
  expect(one.deal).toMatchObject({ id: second.deals[0].id, stage: "Won", pipeline: "Renewal" });
  const bad = await page.request.get(`${baseURL}/api/v1/deals?stagee=Won`);
  expect(bad.status()).toBe(422);
  const accounts = await (await page.request.get(`${baseURL}/api/v1/accounts?q=glob`)).json();
  const names: string[] = accounts.accounts.map((a: { name: string }) => a.name);
  expect(names).toContain("Globex");
  for (const name of names) expect(name).toMatch(/glob/i);
});
