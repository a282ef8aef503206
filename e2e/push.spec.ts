// Journey: select deals by stage → preview → push to the sandbox ChartMogul → follow the
// run to the end → find it in the push history.
import { expect, test } from "./fixtures";
import { PUSH_DEAL_COUNT, PUSH_DESTINATION, PUSH_STAGE } from "./seed-push";

test("an operator selects deals, previews, pushes to ChartMogul and follows the run", async ({ signedIn }) => {
  const page = await signedIn("operator");
  await page.goto(`/deals?stage=${encodeURIComponent(PUSH_STAGE)}`);
  await page.getByRole("checkbox", { name: "Select all rows on this page" }).check();
  await page.getByRole("link", { name: "Push selected…" }).click();

  await expect(page).toHaveURL(/\/pushes\/new\?selection=/);
  await page.getByLabel("Destination").selectOption({ label: PUSH_DESTINATION });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("preview-counts")).toContainText(`${PUSH_DEAL_COUNT} deals selected · ${PUSH_DEAL_COUNT} ready · 0 can't be sent`);
  await expect(page.getByTestId("preview-item")).toHaveCount(PUSH_DEAL_COUNT);
  // The exact payload is there to inspect before anything is sent.
  await page.getByTestId("preview-item").first().locator("summary").click();
  await expect(page.getByTestId("preview-item").first()).toContainText('"pipeline_stage": "Discovery"');

  await page.getByRole("button", { name: `Push the ${PUSH_DEAL_COUNT} ready deals` }).click();
  await expect(page).toHaveURL(/\/pushes\/[a-z0-9]+$/);
  await expect(page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 30_000 });
  await expect(page.getByTestId("run-summary")).toContainText(`sent ${PUSH_DEAL_COUNT} (created ${PUSH_DEAL_COUNT}`);
  await expect(page.getByTestId("sync-item")).toHaveCount(PUSH_DEAL_COUNT);
  await expect(page.getByTestId("sync-item").first()).toContainText("sent");

  await page.getByRole("link", { name: "Back to pushes" }).click();
  const row = page.getByTestId("sync-run").first();
  await expect(row).toContainText(PUSH_DESTINATION);
  await expect(row).toContainText("succeeded");
  await expect(row).toContainText("operator");
});
