import { defineConfig } from "@playwright/test";
import { findChromium } from "./e2e/find-chromium.mjs";

const PORT = Number(process.env.E2E_PORT ?? 3100);

// Debian's Chromium where installed (npm test installs it when it runs as root), else
// Playwright's own build (e2e/find-chromium.mjs).
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : "list",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: findChromium() ?? undefined,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
    },
    trace: "off",
    screenshot: "only-on-failure",
  },
  webServer: {
    command: `npx tsx e2e/serve.ts`,
    url: `http://127.0.0.1:${PORT}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(PORT) },
    // Without it Playwright SIGKILLs the server's process group, and e2e/serve.ts never
    // drops its database nor stops the embedded PostgreSQL it started.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
