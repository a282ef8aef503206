// Hardening checks: security headers, session cookie flags, server-action and API
// origin checks, reserved names in JSON bodies, redirects after sign-in, server-side
// sign-out, the client address, and that no stored secret ever comes back (pages, API, CSV, logs).
import { readFileSync } from "node:fs";
import { API_RULES, PAGE_RULES } from "@/lib/auth/route-rules";
import { secretEncodings } from "@/lib/credentials/redact-secrets";
import { expect, signInAs, test } from "./fixtures";
import { builtServerActions, callServerAction } from "./server-actions";
import { E2E_USERS, e2eServerLogPath } from "./users";

test("every response carries the security headers", async ({ request, baseURL }) => {
  for (const path of ["/sign-in", "/api/v1/health", "/api/v1/me"]) {
    const response = await request.get(`${baseURL}${path}`, { maxRedirects: 0 });
    const h = response.headers();
    expect(h["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(h["content-security-policy"], path).toContain("default-src 'self'");
    expect(h["content-security-policy"], path).toContain("form-action 'self'");
    expect(h["x-frame-options"], path).toBe("DENY");
    expect(h["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["x-powered-by"], path).toBeUndefined();
  }
});

test("the session cookie is httpOnly and SameSite=Lax", async ({ signedIn, context }) => {
  await signedIn("viewer");
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session).toBeDefined();
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  const csrf = cookies.find((c) => c.name.endsWith("next-auth.csrf-token"));
  expect(csrf).toMatchObject({ httpOnly: true, sameSite: "Lax" });
});

test("a server action posted from another origin is refused and changes nothing", async ({ signedIn, context, baseURL }) => {
  const page = await signedIn("admin");
  const action = builtServerActions().find((a) => a.name === "setAllowPrivateEndpointsAction")!;
  const checkbox = page.getByLabel(/Allow http and private-network endpoints/);
  // Control: the same request from our own origin works (the switch turns on)…
  const same = await callServerAction(context.request, baseURL!, action, { allow: "on" }, { origin: baseURL! });
  expect(same.status()).toBe(200);
  await page.goto("/settings/credentials");
  await expect(checkbox).toBeChecked();
  // …and from another origin (a CSRF attempt to turn it off) it is refused.
  const forged = await callServerAction(context.request, baseURL!, action, {}, { origin: "https://evil.example" });
  expect(forged.ok()).toBe(false);
  await page.reload();
  await expect(checkbox).toBeChecked();
});

// One recognisable value per secret field of every kind.
const SECRETS = {
  s3: { "secret.accessKeyId": "AKIALEAKCANARYS30001", "secret.secretAccessKey": "s3-LEAKCANARY-secret-0002-wJalrXUtnFEMI", "secret.sessionToken": "s3-LEAKCANARY-session-0003" },
  gcs_hmac: { "secret.accessKeyId": "GOOGLEAKLEAKCANARY04", "secret.secretAccessKey": "gcs-LEAKCANARY-secret-0005+/=" },
  chartmogul: { "secret.apiKey": "cm-LEAKCANARY-api-key-0006" },
  pipeliner: { "secret.username": "pl-LEAKCANARY-user-0007", "secret.password": "pl-LEAKCANARY-password-0008", "secret.serviceUrl": "http://127.0.0.1:9", "secret.spaceId": "pl-LEAKCANARY-space-0009" },
  exact_sales: { "secret.token": "exact-LEAKCANARY-token-0010" },
} as const;
const LABELS: Record<string, string> = {
  "secret.accessKeyId": "Access key id",
  "secret.secretAccessKey": "Secret access key",
  "secret.sessionToken": "Session token (optional)",
  "secret.apiKey": "API key",
  "secret.username": "API username",
  "secret.password": "API password",
  "secret.serviceUrl": "Service URL",
  "secret.spaceId": "Space id",
  "secret.token": "Token (token_exact)",
};

test("a secret stored in every credential kind never appears in pages, API responses, CSV or logs", async ({ signedIn, context, baseURL }) => {
  test.setTimeout(120_000);
  const page = await signedIn("admin");
  await page.goto("/settings/credentials");
  const add = page.getByRole("region", { name: "Add a credential" });
  for (const [kind, fields] of Object.entries(SECRETS)) {
    await add.getByLabel("Kind").selectOption(kind);
    await add.getByLabel("Name", { exact: true }).fill(`leak ${kind}`);
    for (const [field, value] of Object.entries(fields)) await add.getByLabel(LABELS[field], { exact: true }).fill(value);
    // Nothing listens there: every connection test fails, which is where secrets like to leak.
    if (kind !== "pipeliner") await add.getByLabel(/^Endpoint/).fill("https://127.0.0.1:9");
    await add.getByRole("button", { name: "Save credential" }).click();
    await expect(add.getByRole("status")).toContainText(`Saved "leak ${kind}"`);
  }
  // Exercise every connection test: each fails (nothing listens there), which is where secrets like to leak.
  for (const item of await page.getByTestId("credential").all()) {
    const bucket = item.getByLabel("Bucket");
    if (await bucket.count()) await bucket.fill("deals");
    await item.getByRole("button", { name: "Test connection" }).click();
    await expect(item.getByRole("status").or(item.getByRole("alert")).first()).toBeVisible();
  }

  const seen: string[] = [await page.content()];
  for (const rule of PAGE_RULES) {
    await page.goto(rule.sample ?? rule.path);
    seen.push(await page.content());
  }
  for (const rule of API_RULES) {
    if (rule.methods.GET && rule.path.startsWith("/api/v1")) seen.push(await (await context.request.get(`${baseURL}${rule.sample ?? rule.path}`)).text());
  }
  const everything = seen.join("\n") + readFileSync(e2eServerLogPath(), "utf8");
  expect(everything).toContain("leak chartmogul"); // the pages did render the credentials
  for (const fields of Object.values(SECRETS)) {
    for (const [field, value] of Object.entries(fields)) {
      if (field === "secret.serviceUrl") continue; // an address, not a secret
      for (const form of secretEncodings(value)) expect(everything, `${field} as ${form}`).not.toContain(form);
    }
  }
});

// Finding 5: a page on a sibling origin (same site, so the Lax session cookie goes along)
// posts a text/plain form whose body happens to be JSON. Before the fix the route read it
// whatever its Content-Type and added the rate.
test("a cookie-authenticated API call from a sibling origin or as text/plain is refused and changes nothing", async ({ signedIn, context, baseURL }) => {
  const page = await signedIn("admin");
  const sibling = "http://127.0.0.1:9";
  const body = { currency: "CHF", rate: "2", validFrom: "2031-01-01" };
  const jsonName = JSON.stringify({ ...body, pad: "" }).slice(0, -2); // … ,"pad":"   + "=" + '"}' below
  await page.route(`${sibling}/**`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<form method="post" enctype="text/plain" action="${baseURL}/api/v1/exchange-rates"><input name='${jsonName}' value='"}'></form>
             <script>document.forms[0].submit()</script>`,
    }),
  );
  const forged = page.waitForResponse((r) => r.url() === `${baseURL}/api/v1/exchange-rates` && r.request().method() === "POST");
  await page.goto(`${sibling}/`);
  const response = await forged;
  expect(response.request().headers()["origin"]).toBe(sibling);
  expect(response.status()).toBe(403);
  expect((await response.json()).error.message).toContain("Cross-site request refused");

  const api = context.request;
  // Our own origin, but text/plain: refused too (415), and no Origin at all is refused like a foreign one.
  const plain = await api.post(`${baseURL}/api/v1/exchange-rates`, { headers: { origin: baseURL!, "content-type": "text/plain" }, data: JSON.stringify(body) });
  expect(plain.status()).toBe(415);
  const noOrigin = await api.post(`${baseURL}/api/v1/exchange-rates`, { data: body });
  expect(noOrigin.status()).toBe(403);
  const rates = await (await api.get(`${baseURL}/api/v1/exchange-rates?currency=CHF`)).json();
  expect(rates.rates.filter((r: { validFrom: string }) => r.validFrom.startsWith("2031-01-01"))).toEqual([]);
});

// Finding 1, API side: a JSON body with __proto__ is refused before any schema sees it.
test("POST /api/v1/* with __proto__ or constructor.prototype in the JSON body is a 400 naming the field", async ({ signedIn, context, baseURL }) => {
  await signedIn("operator");
  const cases = [
    ["/api/v1/sync-runs", '{"destinationId":"x","dryRun":true,"selection":{"__proto__":{"dealIds":["a"]}}}', "selection.__proto__"],
    ["/api/v1/imports", '{"sourceId":"x","constructor":{"prototype":{"force":true}}}', "constructor"],
  ] as const;
  for (const [path, data, field] of cases) {
    const response = await context.request.post(`${baseURL}${path}`, { headers: { origin: baseURL!, "content-type": "application/json" }, data });
    expect(response.status(), path).toBe(400);
    expect((await response.json()).error, path).toMatchObject({ code: "bad_request", details: { [field]: expect.stringContaining("reserved name") } });
  }
});

// Finding 8: "/\evil.com" and "/<tab>/evil.com" are "//evil.com" to a browser.
test("sign-in never sends anyone to another host, signed in already or signing in", async ({ page, context, signedIn, baseURL }) => {
  await context.route("http://evil.com/**", (route) => route.fulfill({ contentType: "text/html", body: "<h1>evil</h1>" }));
  const app = new URL(baseURL!).host;
  await signedIn("viewer");
  for (const callbackUrl of ["/%5Cevil.com", "/%09/evil.com", "/%5C%5Cevil.com", "//evil.com"]) {
    await page.goto(`/sign-in?callbackUrl=${callbackUrl}`);
    expect(new URL(page.url()).host, callbackUrl).toBe(app);
    await expect(page.getByRole("heading", { name: "evil" })).toHaveCount(0);
  }
  await context.clearCookies();
  await page.goto("/sign-in?callbackUrl=/%5Cevil.com");
  await page.getByLabel("E-mail").fill(E2E_USERS.viewer.email);
  await page.getByLabel("Password").fill(E2E_USERS.viewer.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/imports$/);
  expect(new URL(page.url()).host).toBe(app);
});

// Finding 7: the cookie a user had before signing out no longer works anywhere.
test("sign-out ends the session on the server, not only in this browser", async ({ browser, signedIn, context, baseURL }) => {
  const page = await signedIn("viewer");
  const before = await context.cookies();
  expect((await context.request.get(`${baseURL}/api/v1/me`)).status()).toBe(200);
  await page.goto("/imports");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  const copied = await browser.newContext({ baseURL });
  await copied.addCookies(before);
  expect((await copied.request.get(`${baseURL}/api/v1/me`)).status()).toBe(401);
  await copied.close();
});

// Finding 2: the address in the audit log (and the per-IP limit) is the socket's, not X-Forwarded-For.
test("a client's own X-Forwarded-For does not choose its address for sign-in limits", async ({ browser, signedIn, context, baseURL }) => {
  const spoofing = await browser.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": "203.0.113.77", "x-dealport-client-ip": "203.0.113.78" } });
  await signInAs(spoofing, baseURL!, "operator");
  await spoofing.close();
  await signedIn("admin");
  const csv = await (await context.request.get(`${baseURL}/api/v1/audit/export?action=auth.sign_in`)).text();
  expect(csv).toContain("127.0.0.1");
  expect(csv).not.toContain("203.0.113.77");
  expect(csv).not.toContain("203.0.113.78");
});

// Finding 7: an admin sees every user's live tokens and can revoke one; the API lists them too.
test("an admin lists and revokes another user's API token on the users page", async ({ browser, signedIn, context, baseURL }) => {
  const operator = await browser.newContext({ baseURL });
  await signInAs(operator, baseURL!, "operator");
  const operatorPage = await operator.newPage();
  const name = `ops script ${Date.now()}`;
  await operatorPage.goto("/settings/tokens");
  await operatorPage.getByLabel("Token name").fill(name);
  await operatorPage.getByRole("button", { name: "Create token" }).click();
  const token = (await operatorPage.getByTestId("new-token").textContent())!.trim();
  await operator.close();
  const bearer = { Authorization: `Bearer ${token}` };
  expect((await context.request.get(`${baseURL}/api/v1/me`, { headers: bearer })).status()).toBe(200);

  const page = await signedIn("admin");
  const listed = (await (await context.request.get(`${baseURL}/api/v1/tokens`)).json()).tokens as { name: string; expiresAt: string; user: { email: string } }[];
  const mine = listed.find((t) => t.name === name)!;
  expect(mine.user.email).toBe(E2E_USERS.operator.email);
  expect(new Date(mine.expiresAt).getTime()).toBeGreaterThan(Date.now() + 89 * 86_400_000); // the default expiry
  await page.goto("/settings/users");
  const row = page.getByRole("list", { name: `API tokens of ${E2E_USERS.operator.email}` }).getByTestId("user-token").filter({ hasText: name });
  await row.getByRole("button", { name: `Revoke token “${name}” of ${E2E_USERS.operator.email}` }).click();
  await expect(row).toHaveCount(0); // revoked tokens leave the list
  await expect.poll(async () => (await context.request.get(`${baseURL}/api/v1/me`, { headers: bearer })).status()).toBe(401);
});
