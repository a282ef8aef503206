// Journey: select deals of which some can't be sent → the preview says what is selected,
// then a summary with the reasons grouped → look behind a reason → exclude those deals →
// push the ready ones → the run holds exactly them.
import { expect, test } from "./fixtures";
import { PREVIEW_BLOCKED_COUNT, PREVIEW_READY_COUNT, PREVIEW_STAGE, PUSH_DESTINATION } from "./seed-push";

const TOTAL = PREVIEW_READY_COUNT + PREVIEW_BLOCKED_COUNT;
const NO_ACCOUNT = "The deal has no account, so no ChartMogul customer can be matched";
const NO_CLOSE_DATE = "The deal has no close date (estimated_close_date is required)";
/** The seed takes the away the account and close date of the first PREVIEW_BLOCKED_COUNT deals. */
const BLOCKED_EXTERNAL_IDS = Array.from({ length: PREVIEW_BLOCKED_COUNT }, (_, i) => `PREVIEW-${String(i + 1).padStart(6, "0")}`);

test("an operator previews a selection, looks behind a reason, excludes those deals and pushes the ready ones", async ({ signedIn }) => {
  const page = await signedIn("operator");
  await page.goto(`/deals?stage=${encodeURIComponent(PREVIEW_STAGE)}`);
  await page.getByRole("button", { name: `Select all ${TOTAL} matching` }).click();
  await page.getByRole("link", { name: "Push selected…" }).click();

  await expect(page).toHaveURL(/\/pushes\/new\?selection=/);
  // What is selected, before a destination is chosen: the filter in words and the count.
  await expect(page.getByTestId("preview-selection")).toHaveText(`Selected: Deals where stage is ${PREVIEW_STAGE} — ${TOTAL} deals`);
  await page.getByLabel("Destination").selectOption({ label: PUSH_DESTINATION });
  await page.getByRole("button", { name: "Preview" }).click();

  // Summary first.
  await expect(page.getByTestId("preview-counts")).toHaveText(
    `${TOTAL} deals selected · ${PREVIEW_READY_COUNT} ready · ${PREVIEW_BLOCKED_COUNT} can't be sent (why: below) · 0 updates of earlier pushes`,
  );
  // Each reason once, with its count, under the summary.
  await expect(page.getByTestId("preview-reason")).toHaveCount(2);
  await expect(page.getByTestId("preview-reason").nth(0)).toContainText(`${PREVIEW_BLOCKED_COUNT} × ${NO_ACCOUNT}`);
  await expect(page.getByTestId("preview-reason").nth(1)).toContainText(`${PREVIEW_BLOCKED_COUNT} × ${NO_CLOSE_DATE}`);
  // The payloads, a page at a time, each one there to inspect.
  await expect(page.getByTestId("preview-page")).toHaveText(`Page 1 of 2 · ${PREVIEW_READY_COUNT} deals`);
  await expect(page.getByTestId("preview-item")).toHaveCount(50);
  await page.getByTestId("preview-item").first().getByText("Payload").click();
  await expect(page.getByTestId("preview-item").first()).toContainText('"pipeline_stage": "Discovery"');
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page.getByTestId("preview-item")).toHaveCount(PREVIEW_READY_COUNT - 50);

  // The deals behind a reason.
  await page.getByRole("link", { name: `${PREVIEW_BLOCKED_COUNT} × ${NO_ACCOUNT}` }).click();
  await expect(page.getByTestId("preview-reason-filter")).toContainText(`${PREVIEW_BLOCKED_COUNT} deals with “${NO_ACCOUNT}”`);
  await expect(page.getByTestId("preview-item")).toHaveCount(PREVIEW_BLOCKED_COUNT);
  for (const externalId of BLOCKED_EXTERNAL_IDS.slice(0, 3)) await expect(page.getByTestId("preview-item").filter({ hasText: externalId })).toContainText(NO_ACCOUNT);

  // Exclude them: nothing left that can't be sent.
  await page.getByTestId("preview-reason").filter({ hasText: NO_ACCOUNT }).getByRole("button", { name: `Exclude these ${PREVIEW_BLOCKED_COUNT}` }).click();
  await expect(page.getByTestId("preview-counts")).toHaveText(
    `${TOTAL} deals selected · ${PREVIEW_READY_COUNT} ready · 0 can't be sent · 0 updates of earlier pushes · ${PREVIEW_BLOCKED_COUNT} excluded`,
  );
  await expect(page.getByTestId("preview-reason")).toHaveCount(0);
  await page.getByRole("link", { name: `Excluded (${PREVIEW_BLOCKED_COUNT})` }).click();
  await expect(page.getByTestId("preview-item")).toHaveCount(PREVIEW_BLOCKED_COUNT);

  // Push the ready ones: the run holds exactly them.
  await page.getByRole("button", { name: `Push the ${PREVIEW_READY_COUNT} ready deals` }).click();
  await expect(page).toHaveURL(/\/pushes\/[a-z0-9]+$/);
  await expect(page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 30_000 });
  await expect(page.getByTestId("run-summary")).toContainText(`sent ${PREVIEW_READY_COUNT} (created ${PREVIEW_READY_COUNT}`);
  await expect(page.getByTestId("sync-item")).toHaveCount(PREVIEW_READY_COUNT);
  await expect(page.getByTestId("sync-item").filter({ hasText: new RegExp(BLOCKED_EXTERNAL_IDS.join("|")) })).toHaveCount(0);
});
