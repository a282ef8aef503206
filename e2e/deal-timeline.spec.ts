// Journey: import a drop, change a deal by re-importing, push it to the sandbox ChartMogul,
// then read the deal's one timeline (field before → after, the push's payload, answer and
// record link), filter it by kind, download it as CSV; and narrow the deals by a funnel bar.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { E2E_TIMELINE, writeTimelineDrop } from "./seed-timeline";

async function runImport(page: Page) {
  await page.goto("/imports");
  const card = page.getByTestId("source").filter({ hasText: E2E_TIMELINE.sourceName });
  await card.getByLabel(`Re-read unchanged files of ${E2E_TIMELINE.sourceName}`).check();
  await card.getByRole("button", { name: "Run import" }).click();
  await card.getByRole("link", { name: "follow it" }).click();
  await expect(page.getByRole("heading", { name: new RegExp(`import of ${E2E_TIMELINE.sourceName}$`) })).toBeVisible();
  await expect(page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 30_000 });
}

test("a deal's timeline shows its imports, the change by re-import and the push; filtered by kind and downloaded as CSV; a funnel bar filters the deals", async ({ signedIn, baseURL }) => {
  test.setTimeout(180_000);
  const page = await signedIn("operator");

  writeTimelineDrop(E2E_TIMELINE.stage, 1000);
  await runImport(page);
  writeTimelineDrop(E2E_TIMELINE.laterStage, 2500);
  await runImport(page);

  // The funnel for the journey's two stages: choosing the later stage's bar narrows the table to it.
  await page.goto(`/deals?stage=${encodeURIComponent(`${E2E_TIMELINE.stage},${E2E_TIMELINE.laterStage}`)}`);
  const funnel = page.getByTestId("stage-funnel");
  await expect(funnel.getByRole("link", { name: new RegExp(`^${E2E_TIMELINE.stage} in no pipeline: 2 deals`) })).toBeVisible();
  const bar = funnel.getByRole("link", { name: new RegExp(`^${E2E_TIMELINE.laterStage} in no pipeline: 1 deal,`) });
  // Keyboard: the bar takes focus and Enter follows it.
  await bar.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`stage=${encodeURIComponent(E2E_TIMELINE.laterStage).replace(/%20/g, "(\\+|%20)")}(&|$)`));
  await expect(page.getByRole("link", { name: "Timeline deal one" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Timeline deal two" })).toHaveCount(0);
  await expect(page.getByTestId("stage-funnel").getByRole("link", { name: new RegExp(`^${E2E_TIMELINE.laterStage} in`) })).toHaveAttribute("aria-current", "true");

  // Push the deal: its destination as the push screen lists it, the push itself through the
  // API (the push screens have their own journey).
  const dealId = (await page.getByRole("link", { name: "Timeline deal one" }).getAttribute("href"))!.split("/deals/")[1];
  await page.getByRole("checkbox", { name: "Select all rows on this page" }).check();
  await page.getByRole("link", { name: "Push selected…" }).click();
  const destinationId = await page.getByLabel("Destination").locator("option", { hasText: E2E_TIMELINE.destinationName }).getAttribute("value");
  const created = await page.request.post(`${baseURL}/api/v1/sync-runs`, {
    headers: { origin: baseURL! },
    data: { destinationId, selection: { mode: "ids", ids: [dealId] }, dryRun: false },
  });
  expect(created.status()).toBe(201);
  const { run } = await created.json();
  await page.goto(`/pushes/${run.id}`);
  await expect(page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 30_000 });

  await page.goto(`/deals/${dealId}`);
  const timeline = page.getByRole("region", { name: "Timeline" });
  const events = timeline.getByTestId("timeline-event");
  await expect(events).toHaveCount(3);
  await expect(events.nth(0)).toHaveAttribute("data-kind", "push");
  await expect(events.nth(0)).toContainText(E2E_TIMELINE.destinationName);
  await expect(events.nth(0).getByRole("link", { name: "open in ChartMogul" })).toHaveAttribute("href", /^https:\/\/app\.chartmogul\.com\/#\/customers\/cus_/);
  await events.nth(0).getByText("Payload sent and the answer").click();
  await expect(events.nth(0)).toContainText('"pipeline_stage": "Proposal"');
  await expect(events.nth(0)).toContainText('"status": 201');
  // In the base currency of the moment (another journey may have changed it from USD).
  await expect(events.nth(0)).toContainText(/Base amount: (\$2,500\.00|€[\d,]+\.\d{2})/);

  await expect(events.nth(1)).toHaveAttribute("data-kind", "import");
  await expect(events.nth(1)).toContainText("changed");
  await expect(events.nth(1)).toContainText("deals.csv, line 2");
  const stageRow = events.nth(1).getByRole("row", { name: /stage/ });
  await expect(stageRow).toContainText(E2E_TIMELINE.stage);
  await expect(stageRow).toContainText(E2E_TIMELINE.laterStage);
  await expect(events.nth(2)).toContainText("First seen in this run.");

  // Filter by kind: the URL says which, and the CSV follows it.
  await timeline.getByRole("link", { name: "Imports" }).click();
  await expect(page).toHaveURL(/[?&]kind=import/);
  await expect(timeline.getByRole("link", { name: "Imports" })).toHaveAttribute("aria-current", "page");
  await expect(events).toHaveCount(2);
  await expect(timeline.locator('[data-kind="push"]')).toHaveCount(0);

  await timeline.getByRole("link", { name: "Everything" }).click();
  await expect(events).toHaveCount(3);
  const [download] = await Promise.all([page.waitForEvent("download"), timeline.getByRole("link", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toBe(`deal-${dealId}-timeline.csv`);
  const csv = readFileSync((await download.path())!, "utf8");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toMatch(/^at_utc,kind,run,source_or_destination,what,file,line,field,before,after,/);
  expect(lines.some((l) => l.includes(`,import,`) && l.includes(`,stage,${E2E_TIMELINE.stage},${E2E_TIMELINE.laterStage},`))).toBe(true);
  expect(lines.some((l) => l.includes(",push,") && l.includes("https://app.chartmogul.com/#/customers/cus_"))).toBe(true);
});
