// Review before and after the apply: a drop that removes 30% of the deals is held, reviewed
// and approved; another is discarded; the approved run is then previewed and rolled back,
// and the deal's timeline shows both.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { E2E_REVIEW, writeReviewDrop } from "./seed-review";

async function runImport(page: Page, expected: string) {
  await page.goto("/imports");
  const card = page.getByTestId("source").filter({ hasText: E2E_REVIEW.sourceName });
  await card.getByLabel(`Re-read unchanged files of ${E2E_REVIEW.sourceName}`).check();
  await card.getByRole("button", { name: "Run import" }).click();
  await card.getByRole("link", { name: "follow it" }).click();
  await expect(page.getByRole("heading", { name: new RegExp(`import of ${E2E_REVIEW.sourceName}$`) })).toBeVisible();
  await expect(page.getByTestId("run-status")).toHaveText(expected, { timeout: 30_000 });
}

test("a drop removing 30% of deals is held, reviewed and approved; another is discarded; the approved run is rolled back", async ({ signedIn }) => {
  test.setTimeout(180_000);
  const page = await signedIn("operator");
  page.on("dialog", (dialog) => void dialog.accept());

  writeReviewDrop([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  await runImport(page, "succeeded");

  // 7 of 10: three deals would be removed.
  writeReviewDrop([1, 2, 3, 4, 5, 6, 7]);
  await runImport(page, "held");
  const heldUrl = page.url();
  await expect(page.getByRole("heading", { name: /Held for review/ })).toBeVisible();
  await expect(page.getByTestId("hold-reasons")).toContainText("Removes 3 of 10 live deals (30%); the rule holds above 10%");
  await expect(page.getByTestId("count-removed")).toHaveText("3");
  await page.getByRole("link", { name: /^Removed \(3\)/ }).click();
  await expect(page.getByTestId("change-removed")).toHaveCount(3);
  await expect(page.getByTestId("change-removed").first()).toContainText("RV-008");

  // Visible at a glance: the navigation's count (read when a page loads) and the Imports filter.
  await page.reload();
  await expect(page.getByTestId("needs-review")).toHaveText("1 to review");
  await page.getByTestId("needs-review").click();
  await expect(page.getByRole("link", { name: "Needs review (1)" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("import-run")).toHaveCount(1);

  await page.goto(heldUrl);
  const review = page.getByRole("region", { name: /Held for review/ });
  await review.getByLabel("Why approve (for the audit log)").fill("three deals moved to another region");
  await review.getByRole("button", { name: "Approve and apply" }).click();
  // The page re-renders as an applied run: exactly the reviewed changes.
  await expect(page.getByTestId("run-status")).toHaveText("succeeded");
  await expect(page.getByTestId("count-removed")).toHaveText("3");
  await expect(page.getByRole("region", { name: /Held for review/ })).toHaveCount(0);
  await expect(page.getByTestId("needs-review")).toHaveCount(0);
  const approvedUrl = page.url();

  // Another suspicious drop, discarded.
  writeReviewDrop([1, 2]);
  await runImport(page, "held");
  const discard = page.getByRole("region", { name: /Held for review/ });
  await discard.getByLabel("Why discard").fill("half-written export");
  await discard.getByRole("button", { name: "Discard" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("discarded");
  await expect(page.getByRole("alert").filter({ hasText: "half-written export" })).toBeVisible();

  // Roll back the approved run: preview first, then for real.
  await page.goto(approvedUrl);
  const rollback = page.getByRole("region", { name: "Roll back" });
  await rollback.getByRole("button", { name: "Preview rollback" }).click();
  const preview = rollback.getByTestId("rollback-preview");
  await expect(preview).toContainText("3 deals back, 0 changed back, 0 removed");
  await expect(preview.getByTestId("rollback-change")).toHaveCount(3);
  await rollback.getByLabel("Why roll back (for the audit log)").fill("the region move was cancelled");
  await rollback.getByRole("button", { name: /^Roll back run #\d+$/ }).click();
  // Rolled back: the page says by which run, and offers no second rollback.
  await expect(page.getByTestId("rolled-back-by")).toBeVisible();
  await expect(page.getByRole("region", { name: "Roll back" })).toHaveCount(0);
  await page.getByTestId("rolled-back-by").getByRole("link").click();
  await expect(page.getByRole("heading", { name: /rollback of #\d+/ })).toBeVisible();
  await expect(page.getByTestId("count-new")).toHaveText("3");
  await expect(page.getByTestId("change-new")).toHaveCount(3);

  // The deal's timeline shows both: removed by the approved run, back by its rollback.
  await page.goto("/deals?q=RV-008");
  await page.getByRole("link", { name: "Deal RV-008" }).click();
  const timeline = page.getByRole("region", { name: "Timeline" });
  const imports = timeline.locator('[data-testid="timeline-event"][data-kind="import"]');
  await expect(imports.filter({ hasText: "Left out of the source: marked removed." })).toHaveCount(1);
  await expect(imports.filter({ hasText: /rollback of #\d+/ }).filter({ hasText: "back after a removal" })).toHaveCount(1);
  const reviews = timeline.locator('[data-testid="timeline-event"][data-kind="review"]');
  await expect(reviews.filter({ hasText: "three deals moved to another region" })).toContainText("approved");
  await expect(reviews.filter({ hasText: "the region move was cancelled" })).toContainText("rolled back");
});
