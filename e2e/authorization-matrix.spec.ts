// Every page, API route and server action in lib/auth/route-rules.ts, called for real
// as anonymous, viewer, operator and admin: allowed ones answer, denied ones redirect
// to sign-in (signed out), show the 403 page (pages), answer 401/403 JSON (API) or
// return the action's "needs the … role" result without running it (actions).
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { hasRole } from "@/lib/auth/roles";
import { ACTION_RULES, API_RULES, PAGE_RULES, type Access } from "@/lib/auth/route-rules";
import { TIER_ROLE } from "@/lib/auth/permissions";
import { expect, signInAs, test } from "./fixtures";
import { builtServerActions, callServerAction } from "./server-actions";
import type { E2ERole } from "./users";

type Who = "anonymous" | E2ERole;
const WHO: Who[] = ["anonymous", "viewer", "operator", "admin"];

function allowed(access: Access, who: Who) {
  if (access === "public") return true;
  return who !== "anonymous" && hasRole(who, TIER_ROLE[access]);
}

for (const who of WHO) {
  test(`pages as ${who}`, async ({ page, context, baseURL }) => {
    if (who !== "anonymous") await signInAs(context, baseURL!, who);
    for (const rule of PAGE_RULES) {
      const target = rule.sample ?? rule.path;
      const response = await page.goto(target);
      const url = new URL(page.url());
      const where = `${target} as ${who}`;
      if (allowed(rule.access, who)) {
        // A sample id need not exist: whatever the page makes of it, the guard let the request through.
        if (!rule.sample) expect(response?.status(), where).toBeLessThan(400);
        expect([401, 403], where).not.toContain(response?.status());
        if (rule.access !== "public") expect(url.pathname, where).toBe(target);
        if (rule.path !== "/forbidden") expect(url.pathname, where).not.toBe("/forbidden");
      } else if (who === "anonymous") {
        expect(url.pathname, where).toBe("/sign-in");
        expect(url.searchParams.get("callbackUrl"), where).toBe(target);
      } else {
        expect(url.pathname, where).toBe("/forbidden");
        await expect(page.getByRole("heading", { name: "You don’t have access to that page" }), where).toBeVisible();
      }
    }
  });

  test(`API routes as ${who}`, async ({ context, baseURL }) => {
    let api: APIRequestContext;
    if (who === "anonymous") api = await playwrightRequest.newContext({ baseURL });
    else {
      await signInAs(context, baseURL!, who);
      api = context.request;
    }
    for (const rule of API_RULES) {
      for (const [method, access] of Object.entries(rule.methods)) {
        const url = `${baseURL}${rule.sample ?? rule.path}`;
        // Allowed calls send an empty body: a validation answer proves the guard let it through, and nothing changes.
        // From our own origin, as the app's pages would (a cookie call from elsewhere is refused first: e2e/security.spec.ts).
        const response = await api.fetch(url, {
          method,
          data: method === "GET" ? undefined : "",
          headers: method === "GET" ? undefined : { origin: baseURL! },
          maxRedirects: 0,
        });
        const where = `${method} ${rule.path} as ${who}`;
        if (allowed(access, who)) {
          expect([401, 403], where).not.toContain(response.status());
          expect(response.status(), where).toBeLessThan(500);
        } else if (who === "anonymous" && !rule.path.startsWith("/api/")) {
          // Route handlers beside pages (e.g. /deals/export) sit behind the proxy, which sends signed-out requests to sign-in.
          expect(response.status(), where).toBe(307);
          expect(response.headers().location, where).toContain("/sign-in");
        } else {
          const status = who === "anonymous" ? 401 : 403;
          expect(response.status(), where).toBe(status);
          expect((await response.json()).error, where).toMatchObject({ code: status === 401 ? "unauthenticated" : "forbidden" });
        }
      }
    }
    if (who === "anonymous") await api.dispose();
  });

  test(`server actions as ${who}`, async ({ context, baseURL }) => {
    const built = builtServerActions();
    // Every action the build can serve has a rule (the static test checks the source side).
    const ruled = new Set(ACTION_RULES.map((r) => `${r.file}#${r.name}`));
    expect(built.map((a) => `${a.file}#${a.name}`).filter((id) => !ruled.has(id))).toEqual([]);
    let api: APIRequestContext;
    if (who === "anonymous") api = await playwrightRequest.newContext({ baseURL });
    else {
      await signInAs(context, baseURL!, who);
      api = context.request;
    }
    for (const rule of ACTION_RULES) {
      const action = built.find((a) => a.file === rule.file && a.name === rule.name);
      if (!action) continue; // not used by any page, so not callable

      // No form: an allowed call gets past the guard and then fails on its missing arguments, so nothing changes.
      const response = await callServerAction(api, baseURL!, action, null);
      const body = await response.text();
      const where = `${rule.name} as ${who}`;
      if (who === "anonymous") {
        // The proxy sends signed-out requests to sign-in before any action runs.
        expect(response.status(), where).toBe(307);
        expect(response.headers().location, where).toContain("/sign-in");
      } else if (allowed(rule.access, who)) {
        expect(response.status(), where).toBe(200);
        expect(body, where).not.toContain("This needs the");
        expect(body, where).not.toContain("Sign in or send a valid API token");
      } else {
        expect(body, where).toContain(`This needs the ${TIER_ROLE[rule.access]} role; you are ${who}`);
      }
    }
    if (who === "anonymous") await api.dispose();
  });
}
