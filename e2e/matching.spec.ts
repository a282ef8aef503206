// Journey: an account whose ChartMogul customer only a similar name points to waits in
// the Matching view → the operator confirms the suggestion → the push preview says the
// customer was matched by the saved link → push → a re-push uses the same link (an update).
import { expect, test } from "./fixtures";
import { MATCHING_ACCOUNT, MATCHING_STAGE, PUSH_DESTINATION } from "./seed-push";

test("an operator confirms a suggested match, and pushes use the saved link", async ({ signedIn }) => {
  const page = await signedIn("operator");
  await page.goto("/matching");
  await page.getByRole("link", { name: PUSH_DESTINATION }).click();
  await expect(page.getByRole("heading", { name: `Matching · ${PUSH_DESTINATION}` })).toBeVisible();

  const waiting = page.getByTestId("unmatched-account").filter({ hasText: MATCHING_ACCOUNT });
  await expect(waiting).toContainText("no saved link, external id, e-mail or website domain matches");
  const suggestion = waiting.getByTestId("suggestion").filter({ hasText: "Stark Logistics GmbH" });
  await expect(suggestion).toContainText("similar name");
  await suggestion.getByRole("button", { name: "Confirm" }).click();
  // The account leaves "Without a match" (and its form with it) for the saved links.
  await expect(page.getByTestId("saved-link").filter({ hasText: MATCHING_ACCOUNT })).toContainText("Stark Logistics GmbH");
  await expect(page.getByTestId("unmatched-account").filter({ hasText: MATCHING_ACCOUNT })).toHaveCount(0);

  for (const [round, expected] of [
    [1, "0 updates of earlier pushes"],
    [2, "1 update of earlier pushes"],
  ] as const) {
    await page.goto(`/deals?stage=${encodeURIComponent(MATCHING_STAGE)}`);
    await page.getByRole("checkbox", { name: "Select all rows on this page" }).check();
    await page.getByRole("link", { name: "Push selected…" }).click();
    await page.getByLabel("Destination").selectOption({ label: `${PUSH_DESTINATION} (chartmogul)` });
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByTestId("preview-counts"), `round ${round}`).toContainText(`1 deal selected · 1 ready · 0 can't be sent · ${expected}`);
    await expect(page.getByTestId("preview-notes")).toContainText('Customer "Stark Logistics GmbH" (cus_5ea17096-b142-4fce-b0a5-416f9c2fbd55) matched by saved link');
    await page.getByRole("button", { name: "Push", exact: true }).click();
    await expect(page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 30_000 });
    await expect(page.getByTestId("run-summary")).toContainText(round === 1 ? "created 1" : "updated 1");
  }
});

test("a viewer sees the Matching view without the buttons that change links", async ({ signedIn }) => {
  const page = await signedIn("viewer");
  await page.goto("/matching");
  await page.getByRole("link", { name: PUSH_DESTINATION }).click();
  await expect(page.getByTestId("matching-counts")).toBeVisible();
  await expect(page.getByRole("button", { name: "Confirm" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Unlink" })).toHaveCount(0);
});
