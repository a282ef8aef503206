#!/usr/bin/env node
// `npm test`: every suite, then one closing line `N passed, N failed`.
// Lint, typecheck and build count as one check each; vitest and Playwright
// contribute their test totals (read from their JSON reporters).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { findChromium } from "../e2e/find-chromium.mjs";

ensureChromium();
const OUT = ".ci-out";
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const EXTERNAL_PG = process.env.EXTERNAL_TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const totals = { passed: 0, failed: 0 };
const failures = [];
// Named again just above the closing line, where a CI log's tail still shows them.
const failedTests = [];

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  console.log(`=== ${label}: exit ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

function check(label, command, args) {
  if (run(label, command, args)) totals.passed += 1;
  else {
    totals.failed += 1;
    failures.push(label);
  }
}

function countVitest(label, file, ok) {
  if (!existsSync(file)) {
    totals.failed += 1;
    failures.push(`${label} (no report)`);
    return;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  for (const suite of report.testResults) {
    for (const test of suite.assertionResults) {
      if (test.status !== "failed") continue;
      const reason = (test.failureMessages[0] ?? "").split("\n")[0].slice(0, 300);
      failedTests.push(`${label}: ${suite.name.replace(`${process.cwd()}/`, "")} › ${test.fullName}\n      ${reason}`);
    }
    // A file that fails to load has no assertions, only a message.
    if (suite.status === "failed" && !suite.assertionResults.some((t) => t.status === "failed")) {
      failedTests.push(`${label}: ${suite.name.replace(`${process.cwd()}/`, "")} (${suite.message.split("\n")[0]})`);
    }
  }
  if (!ok) {
    if (report.numFailedTests === 0) totals.failed += 1; // a crash outside any test
    failures.push(label);
  }
}

function vitest(label, args, env = {}) {
  const file = `${OUT}/${label}.json`;
  const ok = run(label, "npx", ["vitest", "run", ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`], env);
  countVitest(label, file, ok);
}

function collectPlaywrightFailures(suites, path = []) {
  for (const suite of suites ?? []) {
    const here = suite.title ? [...path, suite.title] : path;
    for (const spec of suite.specs ?? []) {
      if (!spec.ok) failedTests.push(`e2e: ${[...here, spec.title].join(" › ")}`);
    }
    collectPlaywrightFailures(suite.suites, here);
  }
}

function answers(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 }, () => (socket.end(), resolve(true)));
    socket.on("error", () => resolve(false));
    socket.on("timeout", () => (socket.destroy(), resolve(false)));
  });
}

/**
 * The Playwright journeys need a Chromium. Found: nothing to do. Missing and root with
 * apt-get (a fresh Debian machine): install Debian's. Otherwise stop before running
 * anything, saying what to install, rather than failing every journey at the end.
 */
function ensureChromium() {
  if (findChromium()) return;
  if (process.env.CHROMIUM_PATH) {
    console.log(`CHROMIUM_PATH is ${process.env.CHROMIUM_PATH}, which does not exist: point it at a Chromium or unset it.`);
    process.exit(1);
  }
  const aptGet = ["/usr/bin/apt-get", "/bin/apt-get"].find((p) => existsSync(p));
  if (process.getuid?.() === 0 && aptGet) {
    console.log("=== no Chromium found: installing Debian's chromium with apt-get");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    spawnSync(aptGet, ["update", "-qq"], { stdio: "inherit", env });
    spawnSync(aptGet, ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env });
    if (findChromium()) return;
  }
  console.log("npm test needs a Chromium for the browser journeys: install Debian's (sudo apt-get install chromium) or Playwright's (npx playwright install chromium), then run it again.");
  process.exit(1);
}

check("lint", "npx", ["eslint", "."]);
check("typecheck", "npx", ["tsc", "--noEmit"]);
vitest("vitest-embedded", []);

const external = new URL(EXTERNAL_PG);
if (await answers(external.hostname, Number(external.port || 5432))) {
  vitest("vitest-db-external-postgres", ["--project", "db"], { TEST_DATABASE_URL: EXTERNAL_PG });
} else if (process.env.CI) {
  totals.failed += 1;
  failures.push(`external PostgreSQL at ${external.host} not reachable`);
} else {
  console.log(`\n=== skipping the external PostgreSQL run: nothing answers at ${external.host}`);
}

check("build", "npx", ["next", "build"]);
const playwrightReport = `${OUT}/playwright.json`;
const e2eOk = run("e2e", "npx", ["playwright", "test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport });
if (existsSync(playwrightReport)) {
  const { stats } = JSON.parse(readFileSync(playwrightReport, "utf8"));
  totals.passed += stats.expected + stats.flaky;
  const { suites } = JSON.parse(readFileSync(playwrightReport, "utf8"));
  collectPlaywrightFailures(suites);
  totals.failed += stats.unexpected;
  if (!e2eOk && stats.unexpected === 0) totals.failed += 1;
} else totals.failed += 1;
if (!e2eOk) failures.push("e2e");

if (failedTests.length) console.log(`\nFailed tests:\n${failedTests.map((t) => `  ${t}`).join("\n")}`);
if (failures.length) console.log(`\nFailed: ${failures.join(", ")}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(failures.length ? 1 : 0);
