// Journey: a push that cannot make progress (its credential was saved under another
// DEALPORT_SECRET_KEY) is blocked at once, says why at the top of its page, and Retry
// starts it again (blocked again at once while the cause is still there).
import { expect, test } from "./fixtures";
import { BLOCKED_DESTINATION } from "./seed-push";

test("a blocked run shows its reason at the top and can be retried", async ({ signedIn }) => {
  const page = await signedIn("operator");
  await page.goto("/pushes");
  const row = page.getByTestId("sync-run").filter({ hasText: BLOCKED_DESTINATION });
  // The app's worker picks the seeded run up within a poll or two.
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText("blocked", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toContainText("cannot be decrypted");

  await row.getByRole("link").first().click();
  await expect(page.getByTestId("run-status")).toHaveText("blocked");
  const reason = page.getByTestId("run-blocked");
  await expect(reason).toContainText('Credential "ChartMogul old key" cannot be decrypted');
  await expect(reason).toContainText("DEALPORT_SECRET_KEY_PREVIOUS");
  await expect(page.getByTestId("sync-item")).toHaveCount(2);
  await expect(page.getByTestId("sync-item").first()).toContainText("pending");

  // Retry queues it again; with the cause still there the worker blocks it again at once.
  await page.getByRole("button", { name: "Retry", exact: true }).click();
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("run-status")).toHaveText("blocked", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
});
