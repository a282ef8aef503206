import { readdirSync } from "node:fs";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Layering, enforced (docs/architecture.md): app/ → lib/ → Prisma, one folder per
// integration, sandbox/ only for tests, the demo and benchmarks. An import path may be
// written with `@/` or relative, so each rule is a regex over both spellings.
const fromRoot = (dir) => `^(@/|(\\.\\./)+)${dir}(/|$)`;
const rule = (regex, message) => ({ regex, message });

const noDb = rule(fromRoot("lib/db"), "Only lib/ touches the database: call a lib/ function instead of importing lib/db.");
const noNext = rule("^next(/|$)", "lib/ is plain TypeScript usable from the CLI and tests: keep Next.js in app/.");
const noUi = rule(fromRoot("(app|components)"), "lib/ must not depend on app/ or components/: the dependency points the other way.");
const noRouteGroup = rule(
  "^@/app/(?!_actions/|_lib/action$)",
  "components/ may call server actions from app/_actions/ (and use app/_lib/action types) only, never a route group's files.",
);
const noSandbox = rule(
  fromRoot("sandbox"),
  "sandbox/ holds fakes for tests, the demo and benchmarks; production code must not import it.",
);

/** One integration folder must not reach into a sibling: shared code lives in the parent folder. */
function integrationFolders(area) {
  const parent = `lib/${area}`;
  const folders = readdirSync(parent, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  return folders.map((folder) => ({
    files: [`${parent}/${folder}/**`],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            noNext,
            noUi,
            noSandbox,
            ...folders
              .filter((other) => other !== folder)
              .map((other) =>
                rule(
                  `^(@/${parent}/|(\\.\\./)+(${area}/)?)${other}(/|$)`,
                  `${parent}/${folder} must not import ${parent}/${other}: move what both need to ${parent}/.`,
                ),
              ),
          ],
        },
      ],
    },
  }));
}

// Only lib/env.ts reads process.env. The exceptions run outside the app's module graph
// or build a test's environment: config files read by their tools before any of our code
// (Next.js, Prisma, Playwright, vitest's global set-up), the schema-engine front Prisma
// spawns as plain Node, instrumentation.ts (NEXT_RUNTIME is inlined by Next.js and must be
// checked before anything Node-only is imported), and the harnesses that start a
// throwaway database and pass their own ports and URLs (.ci/, e2e/, bench/).
const processEnvAllowed = [
  "lib/env.ts",
  "next.config.js",
  "prisma.config.ts",
  "playwright.config.ts",
  "vitest.db-setup.ts",
  "prisma/engine/*.mjs",
  "instrumentation.ts",
  ".ci/**",
  "e2e/**",
  "bench/**",
  // The CLI harness hands this process's environment to the child it spawns. Tests
  // themselves arrange variables with vi.stubEnv (undone by vi.unstubAllEnvs) and read
  // them with readEnv(), like the code under test.
  "lib/test/run-cli.ts",
];

const config = [
  ...nextVitals,
  ...nextTs,
  // Playwright fixtures call `use()`, which is not a React hook.
  { files: ["e2e/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
  {
    files: ["app/**", "proxy.ts", "instrumentation.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [noDb, noSandbox] }] },
  },
  {
    files: ["components/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [noDb, noSandbox, noRouteGroup] }] },
  },
  {
    files: ["lib/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [noNext, noUi, noSandbox] }] },
  },
  {
    // Tests and their fixtures may start sandbox fakes.
    files: ["lib/**/*.test.ts", "lib/test/**", "lib/imports/test/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [noNext, noUi] }] },
  },
  ...integrationFolders("destinations"),
  ...integrationFolders("sources"),
  {
    files: ["cli/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [noNext, noUi, noSandbox] }] },
  },
  {
    files: ["cli/**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [noNext, noUi] }] },
  },
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    ignores: processEnvAllowed,
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration with readEnv() from lib/env.ts (exportEnv() to set it)." },
      ],
    },
  },
  { ignores: [".next/**", "node_modules/**", "data/**", "lib/db/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
];
export default config;
