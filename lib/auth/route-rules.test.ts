// The authorization matrix, statically: every page, route handler and server action in
// app/ has exactly one rule, and its own guard call names the same tier as the rule.
// (The same rules drive e2e/authorization-matrix.spec.ts, which calls them for real.)
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTION_RULES, API_RULES, PAGE_RULES, routePathOf } from "./route-rules";

const APP = path.resolve("app");
const files = (readdirSync(APP, { recursive: true }) as string[]).map((f) => f.split(path.sep).join("/"));
const source = (file: string) => readFileSync(path.join(APP, file), "utf8");
const pages = files.filter((f) => /(^|\/)page\.tsx?$/.test(f));
const routes = files.filter((f) => /(^|\/)route\.ts$/.test(f));
// Server-action modules are found by their directive, whatever they are called.
const actionFiles = files.filter((f) => /\.tsx?$/.test(f) && /^\s*(\/\/[^\n]*\n\s*)*["']use server["']/.test(source(f)));

describe("route rules cover app/", () => {
  it("has a rule for every page and no rule without a page", () => {
    expect(pages.map(routePathOf).sort()).toEqual(PAGE_RULES.map((r) => r.path).sort());
  });

  it("has a rule for every route handler and no rule without one", () => {
    expect(routes.map(routePathOf).sort()).toEqual(API_RULES.map((r) => r.path).sort());
  });

  it("has a rule for every exported server action and no rule without one", () => {
    const exported = actionFiles.flatMap((file) => [...source(file).matchAll(/^export\s+(?:const|async function|function)\s+(\w+)/gm)].map((m) => `${file}#${m[1]}`));
    expect(exported.sort()).toEqual(ACTION_RULES.map((r) => `${r.file}#${r.name}`).sort());
  });

  it("no page or route has an inline server action that skips authorizedAction", () => {
    // An inline "use server" closure must only forward to an action from actions.ts.
    for (const file of [...pages, ...routes]) {
      for (const m of source(file).matchAll(/"use server";([^}]*)\}/g)) {
        expect(m[1], `${file}: inline server action`).toMatch(/await \w+Action\(/);
      }
    }
  });
});

describe("each entry point enforces the tier its rule names", () => {
  it.each(PAGE_RULES.map((r) => [r.path, r] as const))("page %s", (p, rule) => {
    const file = pages.find((f) => routePathOf(f) === p)!;
    const text = source(file);
    if (rule.access === "public") expect(text).not.toMatch(/requirePageActor\(/);
    else expect(text).toMatch(new RegExp(`requirePageActor\\("${rule.access}"`));
  });

  it.each(API_RULES.map((r) => [r.path, r] as const))("route %s", (p, rule) => {
    const text = source(routes.find((f) => routePathOf(f) === p)!);
    const exported = [...text.matchAll(/\b(GET|POST|PUT|PATCH|DELETE)\b(?=\s*(?:=|,|\}|\())/g)].map((m) => m[1]);
    expect([...new Set(exported)].sort()).toEqual(Object.keys(rule.methods).sort());
    for (const [method, access] of Object.entries(rule.methods)) {
      if (access === "public") expect(text).not.toMatch(new RegExp(`export const ${method} = apiRoute\\b`));
      else expect(text).toMatch(new RegExp(`export const ${method} = apiRoute(<[^>]*>)?\\("${access}"`));
    }
  });

  it.each(ACTION_RULES.map((r) => [`${r.file}#${r.name}`, r] as const))("action %s", (_id, rule) => {
    const text = source(rule.file);
    expect(text.startsWith('"use server"')).toBe(true);
    expect(text).toMatch(new RegExp(`export const ${rule.name} = authorizedAction\\("${rule.access}"`));
  });
});
