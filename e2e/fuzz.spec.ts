// Hostile shapes against every state-changing entry point: each POST/PATCH/PUT/DELETE
// route handler found in app/ (so a new route is covered without touching this file)
// and every server action in the build. Each call must answer with a clear 4xx (routes)
// or a refused result (actions), and afterwards the server is healthy and nothing
// global changed.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { routePathOf } from "@/lib/auth/route-rules";
import { expect, test } from "./fixtures";
import { builtServerActions, callServerAction } from "./server-actions";

const APP = path.resolve("app");
const STATE_CHANGING = ["POST", "PATCH", "PUT", "DELETE"] as const;

/** Every state-changing route handler under app/, with a concrete URL for dynamic segments. */
function stateChangingRoutes() {
  const files = (readdirSync(APP, { recursive: true }) as string[]).map((f) => f.split(path.sep).join("/")).filter((f) => /(^|\/)route\.ts$/.test(f));
  return files.flatMap((file) => {
    const routePath = routePathOf(file);
    // next-auth's own endpoints carry their own CSRF token and are not ours to fuzz.
    if (routePath.startsWith("/api/auth/")) return [];
    const source = readFileSync(path.join(APP, file), "utf8");
    const url = routePath.replace(/\[([^\]]+)\]/g, "no-such-$1");
    return STATE_CHANGING.filter((m) => new RegExp(`export const ${m}\\b|export async function ${m}\\b`).test(source)).map((method) => ({ method, url }));
  });
}

const nested = (depth: number) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
const HOSTILE_BODIES: [string, string | Buffer][] = [
  ["deeply nested objects", nested(5000)],
  ["deeply nested arrays", "[".repeat(5000) + "]".repeat(5000)],
  ["a huge string", JSON.stringify({ sourceId: "x".repeat(900_000), destinationId: "x", currency: "x".repeat(10) })],
  ["an array for the object", "[]"],
  ["an array of objects", '[{"sourceId":"x","destinationId":"x"}]'],
  ["a string", '"text"'],
  ["null", "null"],
  ["a number", "42"],
  ["__proto__", '{"__proto__":{"polluted":true},"sourceId":"x","destinationId":"x","currency":"EUR","rate":"1","validFrom":"2030-01-01"}'],
  ["constructor.prototype", '{"constructor":{"prototype":{"polluted":true}},"sourceId":"x"}'],
  ["a NUL in a value", '{"sourceId":"a\\u0000b","destinationId":"a\\u0000b","currency":"EU\\u0000R","rate":"1","validFrom":"2030-01-01"}'],
  ["a NUL in a name", '{"a\\u0000b":1}'],
  ["wrong types everywhere", '{"sourceId":{"x":1},"destinationId":[1],"selection":"x","dryRun":"yes","currency":42,"rate":[],"validFrom":{}}'],
  ["more than 1 MB", JSON.stringify({ x: "y".repeat(1_100_000) })],
  ["invalid UTF-8", Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
];

/** What must not move: rates, users, credentials, tokens and the private-endpoint switch. */
async function globalState(api: APIRequestContext, baseURL: string, page: Page) {
  const read = async (p: string) => JSON.stringify(await (await api.get(`${baseURL}${p}`)).json());
  await page.goto("/settings/credentials");
  return {
    rates: await read("/api/v1/exchange-rates?limit=1000"),
    users: await read("/api/v1/users"),
    credentials: await read("/api/v1/credentials"),
    tokens: await read("/api/v1/tokens"),
    allowPrivate: await page.getByLabel(/Allow http and private-network endpoints/).isChecked(),
  };
}

async function expectHealthy(api: APIRequestContext, baseURL: string) {
  const health = await api.get(`${baseURL}/api/v1/health`);
  expect(health.status()).toBe(200);
  expect((await (await api.get(`${baseURL}/api/v1/me`)).json()).user).toMatchObject({ role: "admin" });
}

test("every state-changing API route answers hostile JSON with a clear 4xx and the server stays healthy", async ({ signedIn, context, baseURL }) => {
  test.setTimeout(180_000);
  const page = await signedIn("admin");
  const api = context.request;
  const routes = stateChangingRoutes();
  expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(expect.arrayContaining(["POST /api/v1/sync-runs", "POST /api/v1/imports", "POST /api/v1/exchange-rates"]));
  const before = await globalState(api, baseURL!, page);
  for (const { method, url } of routes) {
    for (const [label, data] of HOSTILE_BODIES) {
      for (const contentType of ["application/json", "text/plain"]) {
        const where = `${method} ${url} with ${label} as ${contentType}`;
        const response = await api.fetch(`${baseURL}${url}`, { method, data, headers: { origin: baseURL!, "content-type": contentType } });
        expect(response.status(), where).toBeGreaterThanOrEqual(400);
        expect(response.status(), where).toBeLessThan(500);
        const { error } = await response.json();
        expect(error, where).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      }
    }
    await expectHealthy(api, baseURL!);
  }
  expect(await globalState(api, baseURL!, page)).toEqual(before);
});

test("every server action refuses hostile arguments and the server stays healthy", async ({ signedIn, context, baseURL }) => {
  test.setTimeout(180_000);
  const page = await signedIn("admin");
  const api = context.request;
  const actions = builtServerActions();
  expect(actions.length).toBeGreaterThan(20);
  const before = await globalState(api, baseURL!, page);
  const form = (fields: Record<string, string>) => fields;
  // Field names every form action might read, so a hostile value reaches whatever it looks at.
  const everyField = (value: string) => form(Object.fromEntries(["id", "name", "sourceId", "runId", "userId", "tokenId", "currency", "email", "kind", "allow"].map((k) => [k, value])));
  const formCases: [string, Record<string, string>, RegExp][] = [
    ["a __proto__ field name", form({ "__proto__.polluted": "1" }), /reserved name/],
    ["a constructor.prototype field name", form({ "constructor.prototype.polluted": "1", name: "x" }), /reserved name/],
    ["NUL characters", everyField("a\0b"), /NUL character/],
    ["huge strings", everyField("x".repeat(300_000)), /longer than/],
  ];
  let deep: unknown = ["leaf"];
  for (let i = 0; i < 64; i++) deep = [deep];
  const argCases: [string, unknown[], RegExp | null][] = [
    ["deeply nested arguments", [deep, deep], /nests deeper/],
    ["an object with __proto__", [JSON.parse('{"__proto__":{"polluted":true},"name":"x"}'), "x"], null],
    ["arrays where objects and forms are expected", [["a", "b"], [1, 2]], null],
  ];
  for (const action of actions) {
    for (const [label, fields, expected] of formCases) {
      const response = await callServerAction(api, baseURL!, action, fields, { origin: baseURL! });
      const body = await response.text();
      const where = `${action.name} with ${label}`;
      expect(response.status(), where).toBeLessThan(500);
      expect(body, where).toContain('"ok":false');
      expect(body, where).toMatch(expected);
    }
    for (const [label, args, expected] of argCases) {
      const response = await callServerAction(api, baseURL!, action, null, { origin: baseURL! }, args);
      const body = await response.text();
      const where = `${action.name} with ${label}`;
      expect(response.status(), where).toBeLessThan(500);
      expect(body, where).toContain('"ok":false');
      if (expected) expect(body, where).toMatch(expected);
    }
  }
  await expectHealthy(api, baseURL!);
  expect(await globalState(api, baseURL!, page)).toEqual(before);
});
