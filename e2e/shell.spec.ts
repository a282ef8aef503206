import { E2E_USERS } from "./users";
import { expect, test } from "./fixtures";

test("signing in through the form shows the shell with the user and role, and signing out ends the session", async ({ page }) => {
  await page.goto("/deals");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("E-mail").fill(E2E_USERS.operator.email);
  await page.getByLabel("Password").fill(E2E_USERS.operator.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(E2E_USERS.operator.email);
  await expect(page.getByTestId("current-role")).toHaveText("operator");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const item of ["Imports", "Deals", "Accounts", "Pushes", "Settings"]) {
    await expect(nav.getByRole("link", { name: item })).toBeVisible();
  }
  // The audit log is for admins: no link to a page an operator may not open.
  await expect(nav.getByRole("link", { name: "Audit" })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/imports");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("wrong credentials get one generic message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(E2E_USERS.viewer.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong e-mail or password");
  await page.getByLabel("E-mail").fill("nobody@e2e.test");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong e-mail or password");
});

for (const role of ["admin", "operator", "viewer"] as const) {
  test(`${role} sees the shell on every section`, async ({ signedIn }) => {
    const page = await signedIn(role);
    for (const path of ["/imports", "/deals", "/accounts", "/pushes", "/settings"]) {
      await page.goto(path);
      await expect(page.getByTestId("current-role")).toHaveText(role);
      await expect(page.locator("h1")).toBeVisible();
    }
    await page.goto("/audit");
    if (role === "admin") await expect(page.getByRole("heading", { name: "Audit" })).toBeVisible();
    else await expect(page.getByRole("heading", { name: "You don’t have access to that page" })).toBeVisible();
  });
}

test("API tokens: created once, shown once, then accepted as Bearer until revoked", async ({ signedIn, request, baseURL }) => {
  const page = await signedIn("viewer");
  await page.goto("/settings/tokens");
  // Other journeys create tokens for the same users: work on this one's row only.
  const name = `shell script ${Date.now()}`;
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^dpt_/);

  const me = await request.get(`${baseURL}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).user).toMatchObject({ email: E2E_USERS.viewer.email, role: "viewer" });

  await page.reload();
  await expect(page.getByText(token)).toHaveCount(0);
  const row = page.getByRole("row").filter({ hasText: name });
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row.getByRole("cell", { name: "Revoked" })).toBeVisible();
  const after = await request.get(`${baseURL}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
  expect((await after.json()).error.code).toBe("unauthenticated");
});
