// Hardening checks: security headers, session cookie flags, server-action origin
// checks, and that no stored secret ever comes back (pages, API, CSV, logs).
import { readFileSync } from "node:fs";
import { API_RULES, PAGE_RULES } from "@/lib/auth/route-rules";
import { secretEncodings } from "@/lib/credentials/redact-secrets";
import { expect, test } from "./fixtures";
import { builtServerActions, callServerAction } from "./server-actions";
import { e2eServerLogPath } from "./users";

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
