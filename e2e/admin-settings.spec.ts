// The admin journey of issue 4: a credential (secret never shown back, tested against
// the sandbox ChartMogul), base currency, rates, a new user whose session ends when
// disabled, a viewer refused, and the audit trail with its CSV export.
import { startChartMogulServer, type ChartMogulServer } from "@/sandbox/chartmogul";
import { expect, signInAs, signInWith, test } from "./fixtures";

const API_KEY = "cm-journey-api-key-0000001234";
let cm: ChartMogulServer;

test.beforeAll(async () => {
  cm = await startChartMogulServer({ apiKeys: [API_KEY], rateLimit: null });
});
test.afterAll(async () => {
  await cm?.stop();
});

test("an admin configures a credential, currency and users; everything is audited", async ({ signedIn, browser, baseURL }) => {
  test.setTimeout(120_000);
  const page = await signedIn("admin");

  // Credential: saved, shown only by its last 4.
  await page.goto("/settings/credentials");
  const add = page.getByRole("region", { name: "Add a credential" });
  await add.getByLabel("Kind").selectOption("chartmogul");
  await add.getByLabel("Name", { exact: true }).fill("Journey ChartMogul");
  await add.getByLabel("API key").fill(API_KEY);
  await add.getByLabel(/^Endpoint/).fill(cm.baseUrl);
  await add.getByRole("button", { name: "Save credential" }).click();
  await expect(add.getByRole("status")).toHaveText('Saved "Journey ChartMogul" (ends in …1234)');
  await expect(add.getByLabel("API key")).toHaveValue("");
  const item = page.getByTestId("credential").filter({ hasText: "Journey ChartMogul" });
  await expect(item.getByTestId("last4")).toHaveText("…1234");
  await page.reload();
  expect(await page.content()).not.toContain(API_KEY);

  // Test connection: production refuses a loopback http endpoint until an admin allows it.
  const endpoints = page.getByRole("region", { name: "Endpoints" });
  const allowPrivate = page.getByLabel(/Allow http and private-network endpoints/);
  await allowPrivate.uncheck();
  await endpoints.getByRole("button", { name: "Save" }).click();
  await expect(endpoints.getByText("Only public https endpoints are allowed")).toBeVisible();
  await expect(item.getByTestId("credential-endpoint")).toHaveText(cm.baseUrl);
  await item.getByRole("button", { name: "Test connection" }).click();
  await expect(item.getByRole("alert")).toContainText("must use https in production");
  await allowPrivate.check();
  await endpoints.getByRole("button", { name: "Save" }).click();
  await expect(endpoints.getByText("Private and http endpoints are allowed")).toBeVisible();
  await item.getByRole("button", { name: "Test connection" }).click();
  await expect(item.getByRole("status")).toContainText("Connected: ChartMogul accepted the credential");

  // Currency: base currency, a rate by hand, a CSV with one bad row.
  await page.goto("/settings/currency");
  await page.getByLabel("Base currency", { exact: true }).selectOption("EUR");
  await page.getByRole("button", { name: "Set base currency" }).click();
  await expect(page.getByTestId("base-currency")).toHaveText("EUR");
  const addRate = page.getByRole("region", { name: "Add a rate" });
  await addRate.getByLabel("Currency").fill("USD");
  await addRate.getByLabel(/^Rate/).fill("0.92");
  await addRate.getByLabel("Valid from").fill("2026-01-02");
  await addRate.getByRole("button", { name: "Add rate" }).click();
  await expect(addRate.getByRole("status")).toHaveText("Saved 1 USD = 0.92 from 2026-01-02");
  const rates = page.getByRole("table", { name: "Exchange rates" });
  await expect(rates.getByRole("row").filter({ hasText: "USD" })).toContainText("0.92");
  await page.getByLabel("CSV file (date, currency, rate)").setInputFiles({
    name: "rates.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("date,currency,rate\n2026-01-05,GBP,1.17\n2026-01-05,GBP,not-a-rate\n"),
  });
  await page.getByRole("button", { name: "Import CSV" }).click();
  const problems = page.getByRole("table", { name: "Import problems" });
  await expect(problems.getByRole("row").nth(1)).toContainText("3");
  await expect(problems.getByRole("row").nth(1)).toContainText("rate");
  await expect(rates.getByRole("row").filter({ hasText: "GBP" })).toContainText("1.17");

  // Users: add an operator, who signs in with the one-time password.
  await page.goto("/settings/users");
  const addUser = page.getByRole("region", { name: "Add a user" });
  await addUser.getByLabel("E-mail").fill("new.operator@e2e.test");
  await addUser.getByLabel("Role").selectOption("operator");
  await addUser.getByRole("button", { name: "Add user" }).click();
  const password = (await addUser.getByTestId("one-time-password").textContent())!.trim();
  expect(password.length).toBeGreaterThanOrEqual(16);

  const theirContext = await browser.newContext({ baseURL });
  await signInWith(theirContext, baseURL!, "new.operator@e2e.test", password);
  const theirPage = await theirContext.newPage();
  await theirPage.goto("/imports");
  await expect(theirPage.getByTestId("current-role")).toHaveText("operator");

  // A changed role stays chosen once saved (the saved form used to show the role it loaded with).
  const them = page.getByTestId("user").filter({ hasText: "new.operator@e2e.test" });
  await them.getByLabel("Role of new.operator@e2e.test").selectOption("viewer");
  await them.getByRole("button", { name: "Change role" }).click();
  await expect(them.getByRole("status")).toBeVisible();
  await expect(them.getByLabel("Role of new.operator@e2e.test")).toHaveValue("viewer");

  // Disabling them ends that session on its next request.
  await page.reload();
  page.on("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Disable new.operator@e2e.test" }).click();
  await expect(page.getByText("Disabled new.operator@e2e.test")).toBeVisible();
  await theirPage.goto("/deals");
  await expect(theirPage).toHaveURL(/\/sign-in/);
  await theirContext.close();

  // The last admin cannot demote themselves.
  const me = page.getByTestId("user").filter({ hasText: "admin@e2e.test" });
  await me.getByLabel("Role of admin@e2e.test").selectOption("viewer");
  await me.getByRole("button", { name: "Change role" }).click();
  await expect(me.getByRole("alert")).toContainText("last enabled admin");

  // The audit log has it all; the CSV export too.
  await page.goto("/audit?action=credential");
  const events = page.getByRole("table", { name: "Audit events" });
  await expect(events).toContainText("credential.create");
  await expect(events).toContainText("credential.test");
  await expect(events).not.toContainText("user.create");
  await page.goto("/audit");
  for (const action of ["settings.base_currency", "exchange_rate.set", "exchange_rate.import", "user.create", "user.disable"]) {
    await expect(page.getByRole("table", { name: "Audit events" })).toContainText(action);
  }
  const csv = await page.request.get(`${baseURL}/api/v1/audit/export?action=credential`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const body = await csv.text();
  expect(body.split("\r\n")[0]).toBe("id,at_utc,actor_email,actor_id,action,target_type,target_id,summary");
  expect(body).toContain("credential.test");
  expect(body).not.toContain(API_KEY);
});

test("a viewer is refused the admin settings and their actions", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  await signInAs(context, baseURL!, "viewer");
  const page = await context.newPage();
  for (const path of ["/settings/credentials", "/settings/currency", "/settings/users"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "You don’t have access to that page" })).toBeVisible();
  }
  await page.goto("/settings");
  await expect(page.getByRole("link", { name: /Credentials/ })).toHaveCount(0);
  const response = await context.request.post(`${baseURL}/api/v1/exchange-rates`, {
    headers: { origin: baseURL! },
    data: { currency: "USD", rate: "1", validFrom: "2026-01-01" },
  });
  expect(response.status()).toBe(403);
  await context.close();
});
