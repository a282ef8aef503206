import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { E2E_USERS, type E2ERole } from "./users";

/** Signs in through next-auth's endpoints (no UI), leaving the session cookie in the context. */
export async function signInWith(context: BrowserContext, baseURL: string, email: string, password: string) {
  const request = context.request;
  const { csrfToken } = await (await request.get(`${baseURL}/api/auth/csrf`)).json();
  const response = await request.post(`${baseURL}/api/auth/callback/credentials`, {
    form: { csrfToken, email, password, json: "true" },
  });
  expect(response.ok()).toBeTruthy();
}

export function signInAs(context: BrowserContext, baseURL: string, role: E2ERole) {
  return signInWith(context, baseURL, E2E_USERS[role].email, E2E_USERS[role].password);
}

export const test = base.extend<{ signedIn: (role: E2ERole) => Promise<Page> }>({
  signedIn: async ({ context, page, baseURL }, use) => {
    await use(async (role) => {
      await signInAs(context, baseURL!, role);
      return page;
    });
  },
});

/** A new API token made through Settings → API tokens by whoever is signed in on `page`. */
export async function createApiToken(page: Page, name = "e2e") {
  await page.goto("/settings/tokens");
  await page.getByLabel("Token name").fill(`${name} ${Date.now()}`);
  await page.getByRole("button", { name: "Create token" }).click();
  return (await page.getByTestId("new-token").textContent())!.trim();
}

export { expect };
