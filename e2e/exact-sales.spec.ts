// Journey: an admin stores the Exact Sales token, adds an Exact Sales source pointing at
// the sandbox API in Settings → Sources like any other source, tests it, imports it from the
// Imports page and finds the pull there with its counts and diff — the same review as a file import.
import { startExactSalesServer, type ExactSalesServer } from "@/sandbox/exact-sales";
import { expect, test } from "./fixtures";

let exact: ExactSalesServer;

// The fake API runs in the test process; the app server reaches it on 127.0.0.1 (private
// endpoints are allowed in the e2e database, see seed-push.ts).
test.beforeAll(async () => {
  exact = await startExactSalesServer({ leadCount: 120, rateLimit: null });
});
test.afterAll(async () => {
  await exact.stop();
});

test("an admin adds an Exact Sales source for the sandbox, imports it and reviews the pull on the Imports page", async ({ signedIn }) => {
  const page = await signedIn("admin");

  await page.goto("/settings/credentials");
  const addCredential = page.getByRole("region", { name: "Add a credential" });
  await addCredential.getByLabel("Kind").selectOption("exact_sales");
  await addCredential.getByLabel("Name", { exact: true }).fill("Exact sandbox token");
  await addCredential.getByLabel("Token (token_exact)").fill(exact.token);
  await addCredential.getByLabel(/^Endpoint/).fill(exact.baseUrl);
  await addCredential.getByRole("button", { name: "Save credential" }).click();
  await expect(addCredential.getByRole("status")).toContainText('Saved "Exact sandbox token"');

  // Exact Sales is one kind of source among others: the same form, list, test and import.
  await page.goto("/settings/sources");
  const add = page.getByRole("region", { name: "Add a source" });
  await add.getByLabel("Name", { exact: true }).fill("Exact Sales sandbox");
  await add.getByLabel("Kind").selectOption("exact_sales");
  await add.getByLabel("Token (credential)").selectOption({ label: "Exact sandbox token" });
  await add.getByLabel("Base URL").fill(exact.baseUrl);
  await add.getByLabel("Mode").selectOption("full");
  await add.getByRole("button", { name: "Add source" }).click();
  await expect(add.getByRole("status")).toHaveText('Added source "Exact Sales sandbox"');

  const source = page.getByTestId("source-settings").filter({ hasText: "Exact Sales sandbox" });
  await expect(source).toContainText("Full pull (snapshot)");
  // Where it reads from is the API it pulls, not the kind's internal name.
  await expect(source).toContainText(exact.baseUrl);
  await source.getByRole("button", { name: "Test connection" }).click();
  await expect(source.getByRole("status").filter({ hasText: "the token was accepted" })).toBeVisible();
  // The mapping is on the page, not only in the docs.
  await expect(page.getByRole("region", { name: "How Exact Sales maps into Dealport" })).toContainText("Deal pipeline");

  await page.goto("/imports");
  const card = page.getByTestId("source").filter({ hasText: "Exact Sales sandbox" });
  await card.getByRole("button", { name: "Run import" }).click();
  await card.getByRole("link", { name: "follow it" }).click();
  await expect(page.getByRole("heading", { name: /import of Exact Sales sandbox$/ })).toBeVisible();
  await expect(page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 30_000 });
  await expect(page.getByTestId("count-new")).toHaveText("120");
  await expect(page.getByText("Leads", { exact: true }).first()).toBeVisible();

  // The savepoint moved to the newest updateDate the pull saw.
  await page.goto("/settings/sources");
  await expect(page.getByTestId("source-settings").filter({ hasText: "Exact Sales sandbox" }).getByRole("definition").filter({ hasText: "UTC" })).toBeVisible();
});
