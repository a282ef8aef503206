// Journey: an admin stores the Exact Sales token, adds an Exact Sales source pointing at
// the sandbox API, tests it, pulls it, and finds the pull on the Imports page with its
// counts and diff — the same review as a file import.
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

test("an admin adds an Exact Sales source for the sandbox, pulls it and reviews the pull on the Imports page", async ({ signedIn }) => {
  const page = await signedIn("admin");

  await page.goto("/settings/credentials");
  const addCredential = page.getByRole("region", { name: "Add a credential" });
  await addCredential.getByLabel("Kind").selectOption("exact_sales");
  await addCredential.getByLabel("Name", { exact: true }).fill("Exact sandbox token");
  await addCredential.getByLabel("Token (token_exact)").fill(exact.token);
  await addCredential.getByLabel(/^Endpoint/).fill(exact.baseUrl);
  await addCredential.getByRole("button", { name: "Save credential" }).click();
  await expect(addCredential.getByRole("status")).toContainText('Saved "Exact sandbox token"');

  await page.goto("/settings/sources/exact-sales");
  const add = page.getByRole("region", { name: "Add an Exact Sales source" });
  await add.getByLabel("Name", { exact: true }).fill("Exact Sales sandbox");
  await add.getByLabel("Token (credential)").selectOption({ label: "Exact sandbox token" });
  await add.getByLabel("Base URL").fill(exact.baseUrl);
  await add.getByLabel("Mode").selectOption("full");
  await add.getByRole("button", { name: "Add source" }).click();
  await expect(add.getByRole("status")).toHaveText('Added Exact Sales source "Exact Sales sandbox"');

  const source = page.getByTestId("exact-sales-source").filter({ hasText: "Exact Sales sandbox" });
  await expect(source).toContainText("Full pull (snapshot)");
  await source.getByRole("button", { name: "Test connection" }).click();
  await expect(source.getByRole("status").filter({ hasText: "Exact Sales accepted the credential" })).toBeVisible();
  // The mapping is on the page, not only in the docs.
  await expect(page.getByRole("region", { name: "How Exact Sales maps into Dealport" })).toContainText("Deal pipeline");

  await source.getByRole("button", { name: "Pull now" }).click();
  await expect(source.getByRole("status").filter({ hasText: 'Started a pull of "Exact Sales sandbox"' })).toBeVisible();

  await page.goto("/imports");
  const run = page.getByTestId("import-run").filter({ hasText: "Exact Sales sandbox" }).first();
  await expect(run).toContainText("succeeded", { timeout: 30_000 });
  await expect(run).toContainText("+120");
  await run.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/imports\/[a-z0-9]+$/);
  await expect(page.getByText("Leads", { exact: true }).first()).toBeVisible();

  // The savepoint moved to the newest updateDate the pull saw.
  await page.goto("/settings/sources/exact-sales");
  await expect(page.getByTestId("exact-sales-source").filter({ hasText: "Exact Sales sandbox" }).getByTestId("savepoint")).toContainText("UTC");
});
